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

    /// <summary>The failure's cause, stable for programs: the last segment of the problem's <c>type</c>.</summary>
    public abstract string Code { get; }

    /// <summary>When the same request may succeed if retried (the HTTP edge sends it as <c>Retry-After</c>), if known.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>The resource does not exist, or the caller may not know that it does; the code names the resource.</summary>
public sealed class NotFoundException : UseCaseException
{
    public NotFoundException(string resource, Guid id) : base($"{resource} '{id}' was not found.") =>
        Code = resource.ToLowerInvariant() + "-not-found";

    public override ErrorCategory Category => ErrorCategory.NotFound;

    public override string Code { get; }
}

/// <summary>The request conflicts with existing data (a taken e-mail, a product still ordered).</summary>
public sealed class ConflictException : UseCaseException
{
    /// <param name="code">The conflict's cause, e.g. <c>email-taken</c>.</param>
    /// <param name="message">What the client is told.</param>
    /// <param name="innerException">The database's refusal, when a constraint said it.</param>
    public ConflictException(string code, string message, Exception? innerException = null) : base(message, innerException) =>
        Code = code;

    public override ErrorCategory Category => ErrorCategory.Conflict;

    public override string Code { get; }
}

/// <summary>Login failed; one message for an unknown e-mail and a wrong password.</summary>
public sealed class InvalidCredentialsException : UseCaseException
{
    public InvalidCredentialsException() : base("The e-mail or password is wrong.")
    {
    }

    public override ErrorCategory Category => ErrorCategory.Unauthenticated;

    public override string Code => "invalid-credentials";
}

/// <summary>A server the request needs (the session store, say) did not answer; the request may be retried shortly.</summary>
public sealed class ServiceUnavailableException : UseCaseException
{
    public ServiceUnavailableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    public override ErrorCategory Category => ErrorCategory.Unavailable;

    public override string Code => "dependency-unavailable";
}
