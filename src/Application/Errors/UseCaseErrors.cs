using Shop.Domain.Common;

namespace Shop.Application.Errors;

/// <summary>An expected failure of a use case, turned into problem+json by WebApi in one place.</summary>
public abstract class UseCaseException : Exception
{
    protected UseCaseException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    /// <summary>What kind of failure this is, which decides how a client is told.</summary>
    public abstract ErrorCategory Category { get; }

    /// <summary>When the same request may succeed if retried (the HTTP edge sends it as <c>Retry-After</c>), if known.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>The resource does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException : UseCaseException
{
    public NotFoundException(string resource, Guid id) : base($"{resource} '{id}' was not found.")
    {
    }

    public override ErrorCategory Category => ErrorCategory.NotFound;
}

/// <summary>The request conflicts with existing data (a taken e-mail, a product still ordered).</summary>
public sealed class ConflictException : UseCaseException
{
    public ConflictException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public override ErrorCategory Category => ErrorCategory.Conflict;
}

/// <summary>Login failed; one message for an unknown e-mail and a wrong password.</summary>
public sealed class InvalidCredentialsException : UseCaseException
{
    public InvalidCredentialsException() : base("The e-mail or password is wrong.")
    {
    }

    public override ErrorCategory Category => ErrorCategory.Unauthenticated;
}

/// <summary>A server the request needs (the session store, say) did not answer; the request may be retried shortly.</summary>
public sealed class ServiceUnavailableException : UseCaseException
{
    public ServiceUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public override ErrorCategory Category => ErrorCategory.Unavailable;
}
