using System.Reflection;

namespace Shop.ArchitectureTests.Rules;

/// <summary>Dependencies point inwards: WebApi → Infrastructure → Application → Domain → the BCL.</summary>
public static class LayerRules
{
    /// <summary>The web host's entry point lives in the global namespace, so it is named on its own.</summary>
    private static readonly string WebApiEntryPoint = typeof(Program).FullName!;

    private static readonly string[] OuterLayers = ["Shop.Application", "Shop.Infrastructure", "Shop.WebApi", WebApiEntryPoint];

    private static readonly string[] PersistenceAndHttp =
        ["Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis", "Microsoft.AspNetCore"];

    /// <summary>
    /// What Domain code may not use. Besides the outer layers and the infrastructure frameworks: the mediator,
    /// FluentValidation, Mapperly and Microsoft.Extensions (none is BCL), and, although they are BCL, the
    /// serializers and HTTP that the architecture guide keeps out of the domain.
    /// </summary>
    public static IReadOnlyList<string> ForbiddenInDomain { get; } =
    [
        .. OuterLayers, .. PersistenceAndHttp,
        "Mediator", "FluentValidation", "Riok.Mapperly", "Microsoft.Extensions",
        "System.Text.Json", "System.Xml.Serialization", "System.Runtime.Serialization.Json", "System.Net.Http",
    ];

    public static IReadOnlyList<string> ForbiddenInApplication { get; } =
        ["Shop.Infrastructure", "Shop.WebApi", WebApiEntryPoint, .. PersistenceAndHttp];

    public static IReadOnlyList<string> ForbiddenInInfrastructure { get; } = ["Shop.WebApi", WebApiEntryPoint];

    /// <summary>Endpoints reach data only by sending commands and queries: no DbContext, no Redis, no port at all.</summary>
    public static IReadOnlyList<string> ForbiddenInEndpoints { get; } =
        ["Shop.Infrastructure", "Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis", .. ShopArchitecture.PortNamespaces];

    /// <summary>
    /// An assembly references only assemblies of the shared framework Microsoft.NETCore.App (the BCL): no NuGet
    /// package, no other project, not even ASP.NET Core's shared framework.
    /// </summary>
    public static RuleResult ReferencesOnlyTheBcl(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var bcl = Directory.EnumerateFiles(runtimeDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var violations = assembly.GetReferencedAssemblies()
            .Where(reference => !bcl.Contains(reference.Name!))
            .Select(reference => new Violation(
                assembly.GetName().Name!,
                $"references {reference.Name} {reference.Version}, which is not part of Microsoft.NETCore.App"));
        return RuleResult.Of($"{assembly.GetName().Name} references only BCL assemblies", 1, violations);
    }

    public static RuleResult DomainDependsOnNoOuterLayerOrFramework(Layer domain) =>
        DependsOnNone($"{domain} depends on no outer layer, infrastructure framework, mediator or validator", domain, ForbiddenInDomain);

    public static RuleResult ApplicationDependsOnNoOuterLayerOrInfrastructureFramework(Layer application) =>
        DependsOnNone($"{application} depends on neither Infrastructure, WebApi, EF Core, Npgsql, Redis nor ASP.NET Core",
            application, ForbiddenInApplication);

    public static RuleResult InfrastructureDependsOnNoWebApi(Layer infrastructure) =>
        DependsOnNone($"{infrastructure} does not depend on WebApi", infrastructure, ForbiddenInInfrastructure);

    /// <summary>The endpoints of every module (<c>{webApi}.{module}</c>) only send commands and queries.</summary>
    public static RuleResult EndpointsOnlySendCommandsAndQueries(Layer webApi, IEnumerable<string> modules)
    {
        ArgumentNullException.ThrowIfNull(webApi);
        var endpoints = modules.Select(webApi.Module).ToList();
        var types = endpoints.SelectMany(layer => layer.AllTypes).ToList();
        return RuleResult.Of(
            $"Endpoints ({string.Join(", ", endpoints.Select(layer => layer.Namespace))}) use no DbContext, repository, port or Redis: they only send commands and queries",
            types.Count,
            Dependencies.On(webApi.Assembly, types, ForbiddenInEndpoints));
    }

    private static RuleResult DependsOnNone(string rule, Layer layer, IEnumerable<string> forbidden)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var types = layer.AllTypes;
        return RuleResult.Of(rule, types.Count, Dependencies.On(layer.Assembly, types, forbidden));
    }
}
