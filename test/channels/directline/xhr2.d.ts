// xhr2 ships no types: it is an XMLHttpRequest for Node.
declare module 'xhr2' {
  const XMLHttpRequestForNode: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequestForNode;
}
