using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Shop.Infrastructure.Caching;

/// <summary>
/// Which cached reads a saved change makes stale: each module that caches reads of its entities says which. The unit
/// of work asks every one about every change it saves, so no handler ever lists a key.
/// </summary>
internal interface IStaleCacheKeys
{
    IEnumerable<string> Of(EntityEntry change);
}
