using Shop.Domain.Common;

namespace Shop.Application.Errors;

/// <summary>A throttle refused the attempt (too many failed logins, too many registrations); retry after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException : UseCaseException
{
    private readonly TimeSpan _retryAfter;

    /// <param name="code">Which throttle refused, e.g. <c>too-many-registrations</c>.</param>
    /// <param name="refusal">What was refused, without a full stop; the wait is appended.</param>
    /// <param name="retryAfter">Time until the throttle's window ends.</param>
    public TooManyRequestsException(string code, string refusal, TimeSpan retryAfter)
        : base($"{refusal}; retry after {WholeSeconds(retryAfter)} s.")
    {
        Code = code;
        _retryAfter = retryAfter;
    }

    public override ErrorCategory Category => ErrorCategory.TooManyRequests;

    public override string Code { get; }

    public override TimeSpan? RetryAfter => _retryAfter;

    /// <summary>Rounded up and at least one, as <c>Retry-After</c> carries it.</summary>
    public static long WholeSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
}
