using Microsoft.Extensions.Caching.Memory;
using Shop.Application.Caching;

namespace Shop.Infrastructure.RateLimiting;

/// <summary>This instance's <see cref="PermitLease"/> per client, forgotten a little after its window could have ended.</summary>
internal sealed class PermitLeases : IDisposable
{
    private static readonly TimeSpan KeptFor = CacheKeys.RateLimitWindow + TimeSpan.FromSeconds(5);
    private readonly MemoryCache _leases = new(new MemoryCacheOptions());
    private readonly Lock _creation = new();

    public PermitLease For(string clientKey)
    {
        if (_leases.TryGetValue(clientKey, out PermitLease? known) && known is not null)
        {
            return known;
        }

        // GetOrCreate alone may build two leases for one client at once; one of them would lose its permits.
        lock (_creation)
        {
            return _leases.GetOrCreate(clientKey, entry =>
            {
                entry.SlidingExpiration = KeptFor;
                return new PermitLease();
            })!;
        }
    }

    public void Dispose() => _leases.Dispose();
}
