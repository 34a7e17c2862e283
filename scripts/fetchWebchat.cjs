console.log('webchat fetch: placeholder')
