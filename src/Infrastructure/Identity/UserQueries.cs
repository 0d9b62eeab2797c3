using Microsoft.EntityFrameworkCore;
using Shop.Application.Identity;
using Shop.Application.Identity.Ports;
using Shop.Domain.Identity;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Identity;

internal sealed class UserQueries : IUserQueries
{
    private readonly PrimaryReads _primary;

    public UserQueries(PrimaryReads primary) => _primary = primary;

    public Task<UserResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _primary.Context.Set<User>().AsNoTracking()
            .Where(user => user.Id == id)
            .Select(user => new UserResponse(user.Id, user.Email, user.Name, user.CreatedAt, user.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> NonAdministratorsAmongAsync(
        IReadOnlyCollection<string> normalizedEmails, CancellationToken cancellationToken) =>
        await _primary.Context.Set<User>().AsNoTracking()
            .Where(user => normalizedEmails.Contains(user.Email) && !user.IsAdministrator)
            .OrderBy(user => user.Email)
            .Select(user => user.Email)
            .ToListAsync(cancellationToken);
}
