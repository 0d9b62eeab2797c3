using Mediator;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Events;
using Shop.Application.Events.Ports;
using Shop.Application.Identity.Ports;
using Shop.Application.Ordering.Ports;
using Shop.Application.Persistence;
using Shop.Application.Webhooks.Ports;
using Shop.ArchitectureTests.Rules;
using Shop.Domain.Catalog;
using Shop.Domain.Events;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;
using Shop.Domain.Webhooks;

namespace Shop.ArchitectureTests;

/// <summary>
/// The rules see what they are meant to see: the anchors find the four layers, and the sets the rules select
/// from are not silently empty or wrong (which would make a rule pass vacuously).
/// </summary>
public sealed class RuleInputTests
{
    [Fact]
    public void The_marker_types_anchor_four_distinct_layer_assemblies()
    {
        var assemblies = new[]
        {
            ShopArchitecture.DomainAssembly, ShopArchitecture.ApplicationAssembly,
            ShopArchitecture.InfrastructureAssembly, ShopArchitecture.WebApiAssembly,
        };

        Assert.Equal(4, assemblies.Distinct().Count());
        Assert.Contains(ShopArchitecture.Domain.Types, type => type == typeof(Product));
        Assert.Contains(ShopArchitecture.WebApi.Types, type => type.Namespace == "Shop.WebApi.Catalog");
    }

    [Fact]
    public void The_layer_namespaces_come_from_the_marker_types() =>
        Assert.Equal(
            new[] { "Shop.Domain", "Shop.Application", "Shop.Infrastructure", "Shop.WebApi" },
            new[] { ShopArchitecture.Domain, ShopArchitecture.Application, ShopArchitecture.Infrastructure, ShopArchitecture.WebApi }
                .Select(layer => layer.Namespace));

    [Fact]
    public void The_shared_concerns_of_Domain_are_Common_and_Events() =>
        Assert.Equal(["Common", "Events"], ShopArchitecture.SharedDomainConcerns);

    [Fact]
    public void The_modules_found_in_Domain_are_Identity_Catalog_Ordering_and_Webhooks() =>
        Assert.True(
            ShopArchitecture.Modules.SequenceEqual(["Catalog", "Identity", "Ordering", "Webhooks"]),
            $"The modules (the namespaces below Shop.Domain but the shared concerns) are now {string.Join(", ", ShopArchitecture.Modules)}. "
            + "For a new module, declare which modules it may use in ShopArchitecture.ModuleDependencies "
            + "(an empty list if none), then update this list.");

    [Fact]
    public void Every_module_has_types_in_Domain_Application_and_WebApi_and_declared_dependencies()
    {
        foreach (var module in ShopArchitecture.Modules)
        {
            Assert.NotEmpty(ShopArchitecture.Domain.Module(module).Types);
            Assert.NotEmpty(ShopArchitecture.Application.Module(module).Types);
            Assert.NotEmpty(ShopArchitecture.WebApi.Module(module).Types);
        }

        Assert.True(
            ShopArchitecture.Modules.Order().SequenceEqual(ShopArchitecture.ModuleDependencies.Keys.Order()),
            $"ShopArchitecture.ModuleDependencies declares {string.Join(", ", ShopArchitecture.ModuleDependencies.Keys)} "
            + $"but the modules are {string.Join(", ", ShopArchitecture.Modules)}: declare each module's dependencies there.");
    }

    [Fact]
    public void The_read_ports_are_the_query_services_and_the_cache() =>
        Assert.Equal(
            new[] { typeof(ICache), typeof(IOrderQueries), typeof(IProductQueries), typeof(IUserQueries), typeof(IWebhookQueries) },
            ShopArchitecture.ReadPorts.OrderBy(type => type.Name));

    [Fact]
    public void The_write_ports_are_every_other_port_and_the_cache_invalidation() =>
        Assert.Equal(
            new[]
            {
                typeof(CacheInvalidation), typeof(IIdempotencyRecords), typeof(IIdempotencyStore), typeof(ILoginThrottle), typeof(IOrderRepository),
                typeof(IOutbox), typeof(IPostEvictionCallbacks), typeof(IProductRepository), typeof(IRateLimiter), typeof(IRegistrationThrottle),
                typeof(ISessionStore), typeof(ISessionWritePositions), typeof(IUnitOfWork), typeof(IUserRepository), typeof(IWebhookRepository), typeof(IWebhookUrlGuard),
            },
            ShopArchitecture.WritePorts.OrderBy(type => type.Name));

    [Fact]
    public void The_EF_Core_model_maps_the_entities_the_idempotency_records_the_outbox_messages_and_the_webhook_deliveries()
    {
        Assert.Equal(
            new[] { typeof(LineItem), typeof(Order), typeof(Product), typeof(User), typeof(WebhookSubscription) },
            ShopArchitecture.MappedTypes.Where(ShopArchitecture.Domain.Contains).OrderBy(type => type.Name));
        Assert.Equal(
            ["Shop.Infrastructure.Idempotency.IdempotencyRecord", "Shop.Infrastructure.Outbox.OutboxMessage", "Shop.Infrastructure.Webhooks.WebhookDelivery"],
            ShopArchitecture.MappedTypes.Where(type => !ShopArchitecture.Domain.Contains(type)).Select(type => type.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_entities_are_User_Product_Order_LineItem_and_WebhookSubscription() =>
        Assert.Equal(
            new[] { typeof(LineItem), typeof(Order), typeof(Product), typeof(User), typeof(WebhookSubscription) },
            DomainRules.Entities(ShopArchitecture.Domain, ShopArchitecture.MappedTypes).OrderBy(type => type.Name));

    [Fact]
    public void The_tables_are_the_modules_the_idempotency_keys_and_the_outbox_messages_and_each_has_one_owning_module_or_is_shared()
    {
        var tables = ShopArchitecture.EntityTables.Values.Order(StringComparer.Ordinal).ToList();
        var owned = ShopArchitecture.TableOwners.Values.SelectMany(owned => owned).ToList();

        Assert.Equal(["idempotency_keys", "line_items", "orders", "outbox_messages", "products", "users", "webhook_deliveries", "webhook_subscriptions"], tables);
        Assert.True(
            owned.Concat(ShopArchitecture.SharedTables).Order(StringComparer.Ordinal).SequenceEqual(tables),
            $"ShopArchitecture.TableOwners gives {string.Join(", ", owned)} an owner and SharedTables holds "
            + $"{string.Join(", ", ShopArchitecture.SharedTables)}, but the EF Core model maps {string.Join(", ", tables)}: "
            + "give every table exactly one owning module, or list it as shared.");
        Assert.Equal(ShopArchitecture.Modules.Order(StringComparer.Ordinal), ShopArchitecture.TableOwners.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_event_rules_find_the_domain_events_the_notification_handlers_the_mappers_and_the_outbox()
    {
        var domainEvents = EventRules.ImplementationsOf(typeof(IDomainEvent), ShopArchitecture.Assemblies);
        Assert.Contains(typeof(OrderPaid), domainEvents);
        Assert.Contains(typeof(ProductStockChanged), domainEvents);
        Assert.Contains(
            "Shop.Application.Events.WakeOutboxRelayHandler",
            EventRules.ImplementationsOf(typeof(INotificationHandler<>), ShopArchitecture.Assemblies).Select(type => type.FullName));
        Assert.Equal(
            ["Shop.Application.Catalog.CatalogIntegrationEvents", "Shop.Application.Ordering.OrderingIntegrationEvents"],
            EventRules.ImplementationsOf(typeof(IIntegrationEventMapper), ShopArchitecture.Assemblies).Select(type => type.FullName));
        Assert.Equal(
            ["Shop.Infrastructure.Outbox.PostgresOutbox"],
            EventRules.ImplementationsOf(typeof(IOutbox), ShopArchitecture.Assemblies).Select(type => type.FullName));
    }

    [Fact]
    public void Every_offender_namespace_is_under_a_mirrored_layer()
    {
        var layers = new[] { OffenderLayers.Domain, OffenderLayers.Application, OffenderLayers.Infrastructure, OffenderLayers.WebApi };

        var stray = TypeNames.LoadableTypes(OffenderLayers.Assembly)
            .Where(type => type.Namespace?.StartsWith("Shop.ArchitectureTests.Offenders", StringComparison.Ordinal) == true)
            .Where(type => !layers.Any(layer => layer.Contains(type)))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(stray);
    }
}
