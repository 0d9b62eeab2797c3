using System.Net.Sockets;

namespace Shop.Infrastructure.Webhooks;

/// <summary>
/// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host at every connection and
/// connects only to addresses <see cref="PrivateNetworkGuard.IsPublic"/> accepts, so a name that resolved to a public
/// address at registration and to the shop's own network now is never reached. Refusing fails the attempt like a
/// refused connection.
/// </summary>
internal sealed class PublicAddressConnector
{
    private readonly bool _allowPrivateNetworks;

    public PublicAddressConnector(bool allowPrivateNetworks) => _allowPrivateNetworks = allowPrivateNetworks;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var addresses = await PrivateNetworkGuard.AddressesOfAsync(endPoint.Host, cancellationToken);
        var allowed = _allowPrivateNetworks ? addresses : [.. addresses.Where(PrivateNetworkGuard.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"'{endPoint.Host}' resolves to no public address ({string.Join(", ", addresses.Select(a => a.ToString()))}); Shop:Webhooks:AllowPrivateNetworks is false.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
