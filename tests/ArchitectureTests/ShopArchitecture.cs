using System.Reflection;
using Shop.Application;
using Shop.Application.Common.Ports;
using Shop.ArchitectureTests.Rules;
using Shop.Domain;
using Shop.Infrastructure;

namespace Shop.ArchitectureTests;

/// <summary>The real code, found through marker types (never through assembly-name strings).</summary>
public static class ShopArchitecture
{
    public static Assembly DomainAssembly { get; } = typeof(DomainAssembly).Assembly;

    public static Assembly ApplicationAssembly { get; } = typeof(ApplicationAssembly).Assembly;

    public static Assembly InfrastructureAssembly { get; } = typeof(InfrastructureAssembly).Assembly;

    public static Assembly WebApiAssembly { get; } = typeof(Program).Assembly;

    public static Layer Domain { get; } = new(DomainAssembly, "Shop.Domain");

    public static Layer Application { get; } = new(ApplicationAssembly, "Shop.Application");

    public static Layer Infrastructure { get; } = new(InfrastructureAssembly, "Shop.Infrastructure");

    public static Layer WebApi { get; } = new(WebApiAssembly, "Shop.WebApi");

    public static IReadOnlyList<string> Modules { get; } = ["Identity", "Catalog", "Ordering"];

    /// <summary>
    /// The declared dependencies between modules: which other modules a module's Application code may use, and
    /// then only through that module's <c>Ports</c> namespace and its Domain. Paying an order takes stock, so
    /// Ordering uses Catalog (IProductRepository, Product, InsufficientStockException); nothing else crosses.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ModuleDependencies { get; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Identity"] = [],
            ["Catalog"] = [],
            ["Ordering"] = ["Catalog"],
        };

    /// <summary>
    /// The write ports, which query handlers may not use: every repository (an interface named …Repository in a
    /// <c>Ports</c> namespace), the unit of work, and the cache invalidation that commands fill for after the commit.
    /// Read ports (the …Queries services, ICache) are what queries use.
    /// </summary>
    public static IReadOnlyList<Type> WritePorts { get; } =
    [
        .. Application.Types.Where(type => type.IsInterface
            && type.Namespace!.EndsWith(".Ports", StringComparison.Ordinal)
            && type.Name.EndsWith("Repository", StringComparison.Ordinal)),
        typeof(IUnitOfWork),
        typeof(CacheInvalidation),
    ];

    /// <summary>The namespaces of Application's ports (repositories, query services, cache, sessions, unit of work).</summary>
    public static IReadOnlyList<string> PortNamespaces { get; } =
        [.. Application.Types.Select(type => type.Namespace!).Where(ns => ns.EndsWith(".Ports", StringComparison.Ordinal)).Distinct().Order()];
}
