// Services throw DomainError subclasses with stable codes; HTTP and dialogs map codes to replies in one place each.
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string = code,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message?: string) {
    super(code, message);
  }
}
