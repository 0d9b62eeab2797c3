namespace Shop.Application.Identity.Ports;

/// <summary>
/// Failed logins per account, shared by every instance and independent of the source address. An attempt is
/// counted before the password is checked, so concurrent guesses cannot overrun the limit; a successful login
/// clears the count.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Counts an attempt for the e-mail, or refuses it while the e-mail has used up its failures in the window.</summary>
    Task<ThrottleDecision> TryAttemptAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Forgets the e-mail's failures (after a successful login).</summary>
    Task ClearAsync(string normalizedEmail, CancellationToken cancellationToken);
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
