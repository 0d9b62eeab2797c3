using Shop.Domain.Identity;

namespace Shop.Application.Identity.Ports;

public interface IUserRepository
{
    Task<User?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    Task<bool> EmailExistsAsync(string normalizedEmail, CancellationToken cancellationToken);

    void Add(User user);
}

/// <summary>Read side of Identity: no tracking, projected straight to responses.</summary>
public interface IUserQueries
{
    Task<UserResponse?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="normalizedEmails"/> that have an account which is not an administrator's.</summary>
    Task<IReadOnlyList<string>> NonAdministratorsAmongAsync(IReadOnlyCollection<string> normalizedEmails, CancellationToken cancellationToken);
}

/// <summary>Bearer sessions kept in Redis under a hash of the token.</summary>
public interface ISessionStore
{
    /// <summary>A new session; <paramref name="isAdministrator"/> is the user's record (<see cref="User.IsAdministrator"/>), kept with it.</summary>
    Task<SessionTicket> CreateAsync(Guid userId, string email, bool isAdministrator, CancellationToken cancellationToken);

    Task<SessionInfo?> FindAsync(string token, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string token, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user except the one of <paramref name="exceptToken"/> (null: all of them).</summary>
    Task EndAllAsync(Guid userId, string? exceptToken, CancellationToken cancellationToken);
}

public sealed record SessionTicket(string Token, DateTime ExpiresAt);

public sealed record SessionInfo(Guid UserId, string Email, DateTime CreatedAt, DateTime ExpiresAt, bool IsAdministrator = false);
