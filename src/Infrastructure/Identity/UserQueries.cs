using Microsoft.EntityFrameworkCore;
using Shop.Application.Identity;
using Shop.Application.Identity.Ports;
using Shop.Domain.Identity;
using Shop.Infrastructure.Persistence.Replication;

namespace Shop.Infrastructure.Identity;

/// <remarks>
/// Reads the primary, not the replica: what it returns fills the shared cache for an hour, and a
/// lagging replica would put a value there that the write's cache removal had just cleared.
/// </remarks>
internal sealed class UserQueries : IUserQueries
{
    private readonly ReadDatabase _databases;

    public UserQueries(ReadDatabase databases) => _databases = databases;

    public Task<UserResponse?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        _databases.Primary.Set<User>().AsNoTracking()
            .Where(user => user.Id == id)
            .Select(user => new UserResponse(user.Id, user.Email, user.Name, user.CreatedAt, user.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
}
