using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.ArchitectureTests.Rules;
using AppOffenders = Shop.ArchitectureTests.Offenders.Application;
using DomainOffenders = Shop.ArchitectureTests.Offenders.Domain;
using EndpointOffenders = Shop.ArchitectureTests.Offenders.WebApi;
using InfrastructureOffenders = Shop.ArchitectureTests.Offenders.Infrastructure;

namespace Shop.ArchitectureTests;

/// <summary>Event rules on the real code (docs/adr/0007-domain-events-and-the-outbox.md), each followed by its negative control.</summary>
public sealed class EventTests
{
    [Fact]
    public void Domain_events_are_sealed_immutable_records_of_a_Domain_module_holding_no_aggregate() =>
        RuleAssert.Passes(EventRules.DomainEventsArePlainRecordsOfADomainModule(
            ShopArchitecture.Domain, ShopArchitecture.Modules, ShopArchitecture.Assemblies));

    [Fact]
    public void Domain_events_are_sealed_immutable_records_of_a_Domain_module_holding_no_aggregate_fails_on_offenders()
    {
        var result = EventRules.DomainEventsArePlainRecordsOfADomainModule(
            OffenderLayers.Domain, ShopArchitecture.Modules, [OffenderLayers.Assembly]);

        RuleAssert.FailsFor(
            result,
            typeof(DomainOffenders.Catalog.WidgetRepriced),
            typeof(DomainOffenders.Catalog.WidgetRenamed),
            typeof(DomainOffenders.Catalog.WidgetBundled),
            typeof(DomainOffenders.Events.WidgetHappened),
            typeof(AppOffenders.Catalog.WidgetShipped));
        RuleAssert.DoesNotReport(result, typeof(DomainOffenders.Catalog.WidgetCreated), typeof(DomainOffenders.Identity.DomainTypeUsingMediator));
    }

    [Fact]
    public void Notification_handlers_live_in_Application() =>
        RuleAssert.Passes(EventRules.NotificationHandlersLiveInApplication(ShopArchitecture.Application, ShopArchitecture.Assemblies));

    [Fact]
    public void Notification_handlers_live_in_Application_fails_on_offenders()
    {
        var result = EventRules.NotificationHandlersLiveInApplication(OffenderLayers.Application, [OffenderLayers.Assembly]);

        RuleAssert.FailsFor(result, typeof(InfrastructureOffenders.Catalog.WidgetWebhookHandler), typeof(EndpointOffenders.Catalog.WidgetCacheWarmingHandler));
        RuleAssert.DoesNotReport(result, typeof(AppOffenders.Catalog.WidgetCreatedHandler));
    }

    // IOutbox is the one write port a handler may use: WakeOutboxRelayHandler calls its Wake(), which changes no data.
    [Fact]
    public void Notification_handlers_change_no_data() =>
        RuleAssert.Passes(EventRules.NotificationHandlersChangeNoData(
            ShopArchitecture.Application, ShopArchitecture.WritePorts.Where(port => port != typeof(IOutbox))));

    [Fact]
    public void Notification_handlers_change_no_data_fails_on_offenders()
    {
        var result = EventRules.NotificationHandlersChangeNoData(
            OffenderLayers.Application, ShopArchitecture.WritePorts.Where(port => port != typeof(IOutbox)));

        RuleAssert.FailsFor(
            result,
            (typeof(AppOffenders.Catalog.WidgetRestockHandler), typeof(IProductRepository).FullName!),
            (typeof(AppOffenders.Catalog.WidgetReorderHandler), typeof(ISender).FullName!));
        RuleAssert.DoesNotReport(result, typeof(AppOffenders.Catalog.WidgetCreatedHandler));
    }

    [Fact]
    public void The_outbox_is_implemented_in_Infrastructure() =>
        RuleAssert.Passes(EventRules.OutboxIsImplementedInInfrastructure(ShopArchitecture.Infrastructure, ShopArchitecture.Assemblies));

    [Fact]
    public void The_outbox_is_implemented_in_Infrastructure_fails_on_offenders()
    {
        var result = EventRules.OutboxIsImplementedInInfrastructure(OffenderLayers.Infrastructure, [OffenderLayers.Assembly]);

        RuleAssert.FailsFor(result, typeof(AppOffenders.Common.InMemoryOutbox));
        RuleAssert.DoesNotReport(result, typeof(InfrastructureOffenders.WidgetOutbox));
    }

    [Fact]
    public void Integration_event_mappers_are_internal_sealed_in_their_module_folder_of_Application() =>
        RuleAssert.Passes(EventRules.IntegrationEventMappersAreInternalSealedInTheirModule(
            ShopArchitecture.Application, ShopArchitecture.Modules, ShopArchitecture.Assemblies));

    [Fact]
    public void Integration_event_mappers_are_internal_sealed_in_their_module_folder_of_Application_fails_on_offenders()
    {
        var result = EventRules.IntegrationEventMappersAreInternalSealedInTheirModule(
            OffenderLayers.Application, ShopArchitecture.Modules, [OffenderLayers.Assembly]);

        RuleAssert.FailsFor(
            result,
            typeof(AppOffenders.Catalog.PublicWidgetIntegrationEvents),
            typeof(AppOffenders.Catalog.UnsealedWidgetIntegrationEvents),
            typeof(AppOffenders.Common.SharedIntegrationEvents),
            typeof(InfrastructureOffenders.Catalog.WidgetEventsMapper));
        RuleAssert.DoesNotReport(result, typeof(AppOffenders.Catalog.WidgetIntegrationEvents));
    }
}
