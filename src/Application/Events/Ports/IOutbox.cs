namespace Shop.Application.Events.Ports;

/// <summary>
/// The transactional outbox: integration events are written in the command's transaction, so they exist exactly when
/// the change they describe committed; a relay delivers them afterwards.
/// </summary>
public interface IOutbox
{
    Task WriteAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken);

    /// <summary>Tells the relays (here and on other instances) that messages were committed; never throws.</summary>
    void Wake();
}
