namespace Shop.Application.Common.Ports;

/// <summary>A shared cache (Redis) of JSON values, read aside by queries.</summary>
public interface ICache
{
    Task<T?> GetAsync<T>(string key, CancellationToken cancellationToken)
        where T : class;

    Task SetAsync<T>(string key, T value, TimeSpan timeToLive, CancellationToken cancellationToken)
        where T : class;

    Task RemoveAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken);
}
