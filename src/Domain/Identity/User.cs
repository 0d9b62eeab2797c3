using Shop.Domain.Common;

namespace Shop.Domain.Identity;

/// <summary>A registered customer or administrator of the shop.</summary>
public sealed class User
{
    public const int MaxNameLength = 100;
    public const int MaxPasswordHashLength = 255;

    private User(Guid id, string email, string name, string passwordHash, bool isAdministrator, DateTime createdAt)
    {
        Id = id;
        Email = email;
        Name = name;
        PasswordHash = passwordHash;
        IsAdministrator = isAdministrator;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>Unique identifier of the user.</summary>
    public Guid Id { get; private set; }

    /// <summary>E-mail address used to log in, trimmed and lower-case; unique.</summary>
    public string Email { get; private set; }

    /// <summary>Slow salted hash of the password; never the password itself.</summary>
    public string PasswordHash { get; private set; }

    /// <summary>Display name shown to the user.</summary>
    public string Name { get; private set; }

    /// <summary>Whether the user may manage the catalog; set only when an operator creates the account (seed, create-admin).</summary>
    public bool IsAdministrator { get; private set; }

    /// <summary>When the user registered (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the user last changed (UTC).</summary>
    public DateTime UpdatedAt { get; private set; }

    public static User Create(string email, string name, string passwordHash, TimeProvider clock) =>
        New(email, name, passwordHash, isAdministrator: false, clock);

    /// <summary>
    /// An administrator's account, for the operator's verbs only. There is no way to promote an existing user: an account
    /// someone registered themselves stays a customer's, whatever its e-mail.
    /// </summary>
    public static User CreateAdministrator(string email, string name, string passwordHash, TimeProvider clock) =>
        New(email, name, passwordHash, isAdministrator: true, clock);

    private static User New(string email, string name, string passwordHash, bool isAdministrator, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new User(
            Guid.CreateVersion7(),
            EmailAddress.Normalize(email),
            Guard.RequiredText(name, "name", MaxNameLength),
            ValidHash(passwordHash),
            isAdministrator,
            Guard.UtcNow(clock));
    }

    /// <summary>Replaces the password by the hash of a new one.</summary>
    public void ChangePassword(string passwordHash, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        PasswordHash = ValidHash(passwordHash);
        UpdatedAt = Guard.UtcNow(clock);
    }

    public void Rename(string name, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Name = Guard.RequiredText(name, "name", MaxNameLength);
        UpdatedAt = Guard.UtcNow(clock);
    }

    public bool VerifyPassword(string password, IPasswordHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return !string.IsNullOrEmpty(password) && hasher.Verify(PasswordHash, password);
    }

    // Checked but not trimmed: a hash is stored exactly as the hasher produced it.
    private static string ValidHash(string passwordHash)
    {
        if (string.IsNullOrWhiteSpace(passwordHash))
        {
            throw new DomainValidationException("passwordHash", ValidationMessages.Empty("passwordHash"));
        }

        if (passwordHash.Length > MaxPasswordHashLength)
        {
            throw new DomainValidationException("passwordHash", ValidationMessages.TooLong("passwordHash", MaxPasswordHashLength));
        }

        return passwordHash;
    }
}
