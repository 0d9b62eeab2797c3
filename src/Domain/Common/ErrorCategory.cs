namespace Shop.Domain.Common;

/// <summary>
/// What kind of refusal an expected error is. Domain and use-case errors each declare one; the HTTP edge turns
/// each category into one status code, without knowing any module's error types.
/// </summary>
public enum ErrorCategory
{
    /// <summary>A value the rules do not accept.</summary>
    Validation,

    /// <summary>The caller could not be identified (wrong credentials).</summary>
    Unauthenticated,

    /// <summary>The caller is known but may not do this.</summary>
    Forbidden,

    /// <summary>The resource does not exist, or the caller may not know that it does.</summary>
    NotFound,

    /// <summary>The current state does not allow the request.</summary>
    Conflict,

    /// <summary>The request is well formed but its content contradicts the resource (a payment that is not the total).</summary>
    Unprocessable,

    /// <summary>A server the request needs did not answer; the request may be retried shortly.</summary>
    Unavailable,

    /// <summary>The caller made too many attempts of this kind; it may try again after a while.</summary>
    TooManyRequests,
}
