using System.Reflection;
using Shop.Application;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;
using Shop.ArchitectureTests.Rules;
using Shop.Domain;
using Shop.Domain.Common;
using Shop.Domain.Events;
using Shop.Infrastructure;
using Shop.Infrastructure.Diagnostics;
using Shop.Infrastructure.Persistence;

namespace Shop.ArchitectureTests;

/// <summary>The real code, found through marker types (never through assembly-name or namespace strings).</summary>
public static class ShopArchitecture
{
    public static Assembly DomainAssembly { get; } = typeof(DomainAssembly).Assembly;

    public static Assembly ApplicationAssembly { get; } = typeof(ApplicationAssembly).Assembly;

    public static Assembly InfrastructureAssembly { get; } = typeof(InfrastructureAssembly).Assembly;

    public static Assembly WebApiAssembly { get; } = typeof(Program).Assembly;

    public static Layer Domain { get; } = new(DomainAssembly, typeof(DomainAssembly).Namespace!);

    public static Layer Application { get; } = new(ApplicationAssembly, typeof(ApplicationAssembly).Namespace!);

    public static Layer Infrastructure { get; } = new(InfrastructureAssembly, typeof(InfrastructureAssembly).Namespace!);

    public static Layer WebApi { get; } = new(WebApiAssembly, WebApiNamespace());

    /// <summary>
    /// What every module's domain shares, found through marker types: Common (domain errors, money, guards) and Events
    /// (<see cref="IDomainEvent"/>, <see cref="AggregateRoot"/>). Neither is a module (pinned in RuleInputTests).
    /// </summary>
    public static IReadOnlyList<string> SharedDomainConcerns { get; } =
        [Domain.FolderOf(typeof(DomainException)), Domain.FolderOf(typeof(IDomainEvent))];

    /// <summary>The modules: the namespaces directly below Shop.Domain except the shared concerns (pinned in RuleInputTests).</summary>
    public static IReadOnlyList<string> Modules { get; } = [.. Domain.Folders.Except(SharedDomainConcerns, StringComparer.Ordinal)];

    /// <summary>The four layers' assemblies: where the event rules look for implementations that sit in the wrong layer.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } = [DomainAssembly, ApplicationAssembly, InfrastructureAssembly, WebApiAssembly];

    /// <summary>
    /// The declared dependencies between modules: which other modules a module's Application code may use, and
    /// then only through that module's <c>Ports</c> namespace and its Domain. Paying an order takes stock, so
    /// Ordering uses Catalog (IProductRepository, Product, InsufficientStockException); nothing else crosses. Webhooks
    /// (subscriptions and their deliveries) hears of the other modules only through the outbox's integration events.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ModuleDependencies { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Identity"] = [],
            ["Catalog"] = [],
            ["Ordering"] = ["Catalog"],
            ["Webhooks"] = [],
        };

    /// <summary>
    /// Which module owns which tables: only that module's Infrastructure touches them (EF Core, SQL); another module
    /// reaches their data through the owner's Application ports. Every table of the EF Core model has one owner (pinned
    /// in RuleInputTests). outbox_messages is Webhooks': its deliveries read the messages; every module's commands write
    /// them through the shared outbox (Infrastructure/Outbox), which belongs to no module.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TableOwners { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Identity"] = ["users"],
            ["Catalog"] = ["products"],
            ["Ordering"] = ["orders", "line_items"],
            ["Webhooks"] = ["webhook_subscriptions", "webhook_deliveries", "outbox_messages"],
        };

    /// <summary>
    /// The tables of the code the modules share (outside every module's namespace): no module's Infrastructure touches
    /// them, so the ownership rule reports any module that does. idempotency_keys: the first outcome of each change sent
    /// with an Idempotency-Key, whatever its module.
    /// </summary>
    public static IReadOnlyList<string> SharedTables { get; } = ["idempotency_keys"];

    /// <summary>
    /// The namespaces of Application's ports: where the interfaces live that an outer layer implements (repositories,
    /// query services, cache, sessions, unit of work, the edge's ports). Found by implementation, not by name.
    /// </summary>
    public static IReadOnlyList<string> PortNamespaces { get; } =
        [.. Application.Types
            .Where(type => type.IsInterface && ImplementedOutsideApplication(type))
            .Select(type => type.Namespace!)
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>What query handlers read through: the …Queries services, and ICache for cache-aside.</summary>
    public static IReadOnlyList<Type> ReadPorts { get; } = [.. PortInterfaces().Where(IsReadPort)];

    /// <summary>
    /// The write ports, which query handlers may not use: every port interface that is not a read port (repositories,
    /// the unit of work, sessions, idempotency records, the rate limiter, ...), and the cache invalidation that
    /// commands fill for after the commit.
    /// </summary>
    public static IReadOnlyList<Type> WritePorts { get; } =
        [.. PortInterfaces().Where(port => !IsReadPort(port)), typeof(CacheInvalidation)];

    /// <summary>The classes the EF Core model of ShopDbContext maps: entities, whatever their key is called.</summary>
    public static IReadOnlyList<Type> MappedTypes { get; } =
        EfModel.MappedTypes<ShopDbContext>(options => new ShopDbContext(options));

    /// <summary>The table of each entity class, from ShopDbContext's EF Core model.</summary>
    public static IReadOnlyDictionary<Type, string> EntityTables { get; } =
        EfModel.Tables<ShopDbContext>(options => new ShopDbContext(options));

    private static IEnumerable<Type> PortInterfaces() =>
        Application.Types.Where(type => type.IsInterface && PortNamespaces.Any(ports => TypeNames.IsInNamespace(type.Namespace, ports)));

    private static bool ImplementedOutsideApplication(Type port) =>
        TypeNames.LoadableTypes(InfrastructureAssembly).Concat(TypeNames.LoadableTypes(WebApiAssembly))
            .Any(type => type.IsClass && port.IsAssignableFrom(type));

    private static bool IsReadPort(Type port) =>
        port == typeof(ICache) || port.Name.EndsWith("Queries", StringComparison.Ordinal);

    /// <summary>
    /// WebApi's marker, Program, lives in the global namespace, so WebApi's namespace is found instead: the one
    /// namespace directly below the product's root (the parent of Domain's namespace, Shop) that WebApi's types use.
    /// </summary>
    private static string WebApiNamespace()
    {
        var domain = typeof(DomainAssembly).Namespace!;
        var root = domain[..(domain.LastIndexOf('.') + 1)];
        var found = TypeNames.LoadableTypes(WebApiAssembly)
            .Select(type => type.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(root, StringComparison.Ordinal))
            .Select(ns => root + ns[root.Length..].Split('.')[0])
            .Distinct()
            .ToList();
        return found is [var single]
            ? single
            : throw new InvalidOperationException($"Expected WebApi's types under one namespace below {root}*, found: {string.Join(", ", found)}");
    }
}
