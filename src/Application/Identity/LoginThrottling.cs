using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Telemetry;

namespace Shop.Application.Identity;

/// <summary>What every password check (logging in, changing the password) does with a refused attempt.</summary>
internal static class LoginThrottling
{
    /// <summary>Counts the lockout and refuses with the wait; the same answer whether or not the account exists.</summary>
    public static void ThrowIfRefused(LoginAttempt attempt)
    {
        if (attempt.RefusedBy is not { } limit)
        {
            return;
        }

        var tag = limit == LoginLimit.Account ? "account" : "address";
        ShopTelemetry.LoginLockouts.Add(1, new KeyValuePair<string, object?>(ShopTelemetry.LoginLimitTag, tag));
        throw limit == LoginLimit.Account
            ? new TooManyRequestsException("too-many-failed-logins", "Too many failed logins for this e-mail", attempt.RetryAfter)
            : new TooManyRequestsException("too-many-failed-logins-from-address", "Too many failed logins from this address", attempt.RetryAfter);
    }
}
