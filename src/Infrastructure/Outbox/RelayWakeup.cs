using System.Threading.Channels;
using StackExchange.Redis;

namespace Shop.Infrastructure.Outbox;

/// <summary>
/// Wakes the relays after a commit wrote outbox messages: this instance's at once, the others' through Redis pub/sub.
/// A missed wake-up costs only the poll interval, so nothing here may fail a request.
/// </summary>
internal sealed class RelayWakeup
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("shop:outbox:committed");

    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly IConnectionMultiplexer _redis;

    public RelayWakeup(IConnectionMultiplexer redis) => _redis = redis;

    public void Wake()
    {
        WakeHere();
        try
        {
            _redis.GetSubscriber().Publish(Channel, RedisValue.EmptyString, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // The other instances poll.
        }
    }

    public void WakeHere() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until a wake-up or <paramref name="pollInterval"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(pollInterval);
        try
        {
            await _signal.Reader.ReadAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
