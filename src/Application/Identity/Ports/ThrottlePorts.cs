namespace Shop.Application.Identity.Ports;

/// <summary>
/// Failed logins, shared by every instance: per client address across accounts, and per account. An address that
/// signed in to the account successfully before (a known address) has its own count for the account, so guesses from
/// elsewhere cannot lock the owner out there; any other address shares the account's count. An attempt is counted
/// before the password is checked, so concurrent guesses cannot overrun a limit; a success takes its own count back.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Counts an attempt for the e-mail from the address, or refuses it while a limit is used up.</summary>
    Task<LoginAttempt> TryAttemptAsync(string normalizedEmail, string clientAddress, CancellationToken cancellationToken);

    /// <summary>
    /// After the right password: takes the attempt's count back, forgets the failures of a known address for the
    /// account (not the account's count, or an attacker's budget would restart at each login of the owner) and
    /// remembers the address as known.
    /// </summary>
    Task SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken);
}

/// <summary>Registrations per client address, shared by every instance.</summary>
public interface IRegistrationThrottle
{
    /// <summary>Counts a registration from the address, or refuses it while the address has used up its window.</summary>
    Task<ThrottleDecision> TryRegisterAsync(string clientAddress, CancellationToken cancellationToken);
}

/// <param name="Allowed">Whether the attempt may go ahead.</param>
/// <param name="RetryAfter">Time until the current window ends.</param>
public sealed record ThrottleDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>A counted login attempt, or a refused one.</summary>
/// <param name="NormalizedEmail">The account attempted, whether or not it exists.</param>
/// <param name="ClientAddress">Where the attempt came from.</param>
/// <param name="FromKnownAddress">Whether the address signed in to the account within the remembered time.</param>
/// <param name="RefusedBy">The limit that refused the attempt; null when it may go ahead.</param>
/// <param name="RetryAfter">Time until the refusing limit's window ends.</param>
public sealed record LoginAttempt(
    string NormalizedEmail, string ClientAddress, bool FromKnownAddress, LoginLimit? RefusedBy, TimeSpan RetryAfter)
{
    public bool Allowed => RefusedBy is null;
}

/// <summary>Which failed-login limit refused an attempt.</summary>
public enum LoginLimit
{
    /// <summary>The account's failures (or those of a known address for the account).</summary>
    Account,

    /// <summary>The client address's failures across accounts.</summary>
    Address,
}
