using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Shop.Application.Caching;
using Shop.Domain.Identity;
using Shop.Infrastructure.Caching;

namespace Shop.Infrastructure.Identity;

/// <summary>A changed or deleted user's cached profile (a new one has none yet).</summary>
internal sealed class UserCacheKeys : IStaleCacheKeys
{
    public IEnumerable<string> Of(EntityEntry change) =>
        change is { Entity: User user, State: EntityState.Modified or EntityState.Deleted } ? [CacheKeys.User(user.Id)] : [];
}
