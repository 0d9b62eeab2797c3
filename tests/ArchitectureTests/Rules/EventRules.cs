using System.Reflection;
using Mediator;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.Domain.Events;

namespace Shop.ArchitectureTests.Rules;

/// <summary>
/// Domain events, their handlers and the outbox (docs/adr/0007-domain-events-and-the-outbox.md): events are plain
/// records of the domain, what reacts to them after the commit is Application code, and what leaves the process goes
/// through the outbox, which Infrastructure implements. Each rule looks for the implementations in every assembly
/// given, so a type in the wrong layer is found, not merely ignored.
/// </summary>
public static class EventRules
{
    /// <summary>
    /// Every <see cref="IDomainEvent"/> is a plain record of one module's domain (<c>Shop.Domain.&lt;Module&gt;</c>, next to
    /// the aggregate that raises it): a sealed class or record, immutable (see <see cref="Immutability.Problems"/>),
    /// holding ids and values, never an aggregate (<see cref="AggregateRoot"/>).
    /// </summary>
    public static RuleResult DomainEventsArePlainRecordsOfADomainModule(
        Layer domain, IReadOnlyCollection<string> modules, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(modules);
        var events = ImplementationsOf(typeof(IDomainEvent), assemblies);
        var violations = new List<Violation>();
        foreach (var type in events)
        {
            if (!modules.Any(module => domain.Module(module).Contains(type)))
            {
                violations.Add(new Violation(TypeNames.Display(type),
                    $"is a domain event outside the modules of {domain.Namespace} (in {type.Namespace})"));
            }

            if (!type.IsSealed)
            {
                violations.Add(new Violation(TypeNames.Display(type), "is a domain event that is not sealed"));
            }

            violations.AddRange(Immutability.Problems(type).Select(problem => new Violation(TypeNames.Display(type), problem)));
            violations.AddRange(Immutability.Exposed(type).SelectMany(Immutability.Unwrap)
                .Where(exposed => typeof(AggregateRoot).IsAssignableFrom(exposed))
                .Distinct()
                .Select(aggregate => new Violation(TypeNames.Display(type), $"exposes the aggregate {aggregate.Name}: an event holds its id")));
        }

        return RuleResult.Of($"Domain events are sealed, immutable records of the modules of {domain.Namespace}, holding no aggregate", events.Count, violations);
    }

    /// <summary>
    /// Every mediator notification handler (<c>INotificationHandler&lt;T&gt;</c>: what reacts to a committed command's
    /// events) is Application code; the CQRS rules make it internal sealed and named …Handler.
    /// </summary>
    public static RuleResult NotificationHandlersLiveInApplication(Layer application, IEnumerable<Assembly> assemblies) =>
        LiveIn(application, "notification handler", ImplementationsOf(typeof(INotificationHandler<>), assemblies));

    /// <summary>
    /// A notification handler changes no data: its command has committed and answered, so a change made here would
    /// have no transaction, no outbox message and no retry. It uses none of <paramref name="writePorts"/> (repositories,
    /// the unit of work, ...) and sends no command (no <see cref="ISender"/> or <see cref="IMediator"/>).
    /// </summary>
    public static RuleResult NotificationHandlersChangeNoData(Layer application, IEnumerable<Type> writePorts)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(writePorts);
        var handlers = application.Types.Where(Cqrs.IsNotificationHandler).ToList();
        var forbidden = writePorts.Append(typeof(ISender)).Append(typeof(IMediator)).Select(type => type.FullName!).ToList();
        return RuleResult.Of(
            $"Notification handlers in {application} change no data: no write port, no command sent",
            handlers.Count,
            Dependencies.On(application.Assembly, handlers, forbidden));
    }

    /// <summary>
    /// The outbox (<see cref="IOutbox"/>: the integration events written in the command's transaction, and the wake-up of
    /// the relays that deliver them) is implemented in Infrastructure, next to the relay; Application only names the port.
    /// </summary>
    public static RuleResult OutboxIsImplementedInInfrastructure(Layer infrastructure, IEnumerable<Assembly> assemblies) =>
        LiveIn(infrastructure, "outbox", ImplementationsOf(typeof(IOutbox), assemblies));

    /// <summary>
    /// Every <see cref="IIntegrationEventMapper"/> (a module's domain events as the integration events that leave the
    /// process) is Application code of one module, directly in its folder (<c>Shop.Application.&lt;Module&gt;</c>, as
    /// <c>CatalogIntegrationEvents</c>), and internal sealed.
    /// </summary>
    public static RuleResult IntegrationEventMappersAreInternalSealedInTheirModule(
        Layer application, IReadOnlyCollection<string> modules, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(modules);
        var mappers = ImplementationsOf(typeof(IIntegrationEventMapper), assemblies);
        var violations = new List<Violation>();
        foreach (var type in mappers)
        {
            if (!modules.Any(module => TypeNames.Outermost(type).Namespace == application.Module(module).Namespace))
            {
                violations.Add(new Violation(TypeNames.Display(type),
                    $"is an integration event mapper outside a module folder of {application.Namespace} (in {type.Namespace})"));
            }

            if (!(type.IsNested ? type.IsNestedAssembly : type.IsNotPublic))
            {
                violations.Add(new Violation(TypeNames.Display(type), $"the integration event mapper {type.Name} is not internal"));
            }

            if (!type.IsSealed)
            {
                violations.Add(new Violation(TypeNames.Display(type), $"the integration event mapper {type.Name} is not sealed"));
            }
        }

        return RuleResult.Of(
            $"Integration event mappers are internal sealed classes in a module folder of {application.Namespace}", mappers.Count, violations);
    }

    /// <summary>
    /// The hand-written classes of <paramref name="assemblies"/> that implement <paramref name="contract"/> (an interface,
    /// or an open generic interface such as <c>INotificationHandler&lt;&gt;</c>), abstract ones included.
    /// </summary>
    public static IReadOnlyList<Type> ImplementationsOf(Type contract, IEnumerable<Assembly> assemblies)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(assemblies);
        return [.. assemblies.Distinct()
            .SelectMany(TypeNames.LoadableTypes)
            .Where(type => type.IsClass && !TypeNames.IsGenerated(type) && Implements(type, contract))
            .OrderBy(type => type.FullName, StringComparer.Ordinal)];
    }

    private static bool Implements(Type type, Type contract) =>
        contract.IsGenericTypeDefinition
            ? type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == contract)
            : contract.IsAssignableFrom(type);

    private static RuleResult LiveIn(Layer layer, string kind, IReadOnlyList<Type> implementations)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return RuleResult.Of(
            $"Every {kind} lives in {layer.Namespace}",
            implementations.Count,
            implementations.Where(type => !layer.Contains(type))
                .Select(type => new Violation(TypeNames.Display(type), $"is a {kind} outside {layer.Namespace} (in {type.Assembly.GetName().Name})")));
    }
}
