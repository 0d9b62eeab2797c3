using System.Reflection;

namespace Shop.ArchitectureTests.Rules;

/// <summary>Dependencies point inwards: WebApi → Infrastructure → Application → Domain → the BCL.</summary>
public static class LayerRules
{
    // The layers' namespaces come from their marker types, so renaming one cannot leave these lists matching nothing.
    private static readonly string ApplicationLayer = ShopArchitecture.Application.Namespace;

    private static readonly string InfrastructureLayer = ShopArchitecture.Infrastructure.Namespace;

    /// <summary>WebApi's namespace, and the web host's entry point, which lives in the global namespace.</summary>
    private static readonly string[] WebApiLayer = [ShopArchitecture.WebApi.Namespace, typeof(Program).FullName!];

    private static readonly string[] OuterLayers = [ApplicationLayer, InfrastructureLayer, .. WebApiLayer];

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

    /// <summary>
    /// What Application code may not use: the outer layers and the infrastructure frameworks; the HTTP client (a webhook
    /// goes out through the outbox, delivered by Infrastructure's relay) and the hosting of background services (a relay
    /// or a sweeper is Infrastructure's).
    /// </summary>
    public static IReadOnlyList<string> ForbiddenInApplication { get; } =
        [InfrastructureLayer, .. WebApiLayer, .. PersistenceAndHttp, "System.Net.Http", "Microsoft.Extensions.Hosting"];

    public static IReadOnlyList<string> ForbiddenInInfrastructure { get; } = [.. WebApiLayer];

    /// <summary>What WebApi code may not touch outside the composition root and the verbs: the data itself.</summary>
    public static IReadOnlyList<string> ForbiddenAtTheEdge { get; } =
        [InfrastructureLayer, "Microsoft.EntityFrameworkCore", "Npgsql", "StackExchange.Redis"];

    /// <summary>Endpoints reach data only by sending commands and queries: no DbContext, no Redis, no port at all.</summary>
    public static IReadOnlyList<string> ForbiddenInEndpoints { get; } = [.. ForbiddenAtTheEdge, .. ShopArchitecture.PortNamespaces];

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
        DependsOnNone($"{application} depends on neither Infrastructure, WebApi, EF Core, Npgsql, Redis, ASP.NET Core, HttpClient nor hosted services",
            application, ForbiddenInApplication);

    /// <summary>The OpenTelemetry SDK and API: the inner layers record through System.Diagnostics (ActivitySource,
    /// Meter) only, and WebApi wires the SDK that listens to them.</summary>
    public static IReadOnlyList<string> OpenTelemetry { get; } = ["OpenTelemetry"];

    public static RuleResult DependsOnNoOpenTelemetry(Layer layer) =>
        DependsOnNone($"{layer} depends on no OpenTelemetry package (System.Diagnostics only)", layer, OpenTelemetry);

    public static RuleResult InfrastructureDependsOnNoWebApi(Layer infrastructure) =>
        DependsOnNone($"{infrastructure} does not depend on WebApi", infrastructure, ForbiddenInInfrastructure);

    /// <summary>The one part of WebApi besides the composition root that may use the DbContext: the command-line verbs
    /// (migrate, seed, create-admin), which run instead of serving.</summary>
    public const string Verbs = "Verbs";

    /// <summary>The HTTP edge: authentication, idempotency and rate limiting, which implement HTTP over ports.</summary>
    public const string Http = "Http";

    /// <summary>
    /// WebApi reaches data only through the Application: no DbContext, Infrastructure type or Redis anywhere in
    /// <paramref name="webApi"/> except its root namespace (the composition root, which wires Infrastructure) and
    /// <see cref="Verbs"/>.
    /// </summary>
    public static RuleResult EdgeUsesNoDataAccessOutsideTheVerbs(Layer webApi)
    {
        ArgumentNullException.ThrowIfNull(webApi);
        var verbs = webApi.Module(Verbs);
        var types = EdgeTypes(webApi).Where(type => !verbs.Contains(type) || IsNamedEndpoints(type)).ToList();
        return RuleResult.Of(
            $"{webApi} outside its composition root and {verbs.Namespace} uses no DbContext, Infrastructure type or Redis",
            types.Count,
            Dependencies.On(webApi.Assembly, types, ForbiddenAtTheEdge));
    }

    /// <summary>
    /// Endpoint code only sends commands and queries: every type of <paramref name="webApi"/> outside its root
    /// namespace, <see cref="Verbs"/> and <see cref="Http"/> (the module folders, and any folder added later), plus
    /// every type named …Endpoints wherever it is (the global namespace, where Program lives, included), uses no
    /// port either.
    /// </summary>
    public static RuleResult EndpointsOnlySendCommandsAndQueries(Layer webApi)
    {
        ArgumentNullException.ThrowIfNull(webApi);
        var verbs = webApi.Module(Verbs);
        var http = webApi.Module(Http);
        var types = EdgeTypes(webApi)
            .Where(type => IsNamedEndpoints(type) || (!verbs.Contains(type) && !http.Contains(type)))
            .ToList();
        return RuleResult.Of(
            $"Endpoint code ({webApi} outside {webApi.Namespace}, {verbs.Namespace} and {http.Namespace}, and every …Endpoints type) uses no DbContext, repository, port or Redis: it only sends commands and queries",
            types.Count,
            Dependencies.On(webApi.Assembly, types, ForbiddenInEndpoints));
    }

    // Every type below the root namespace, and every …Endpoints type wherever it is.
    private static IEnumerable<Type> EdgeTypes(Layer webApi) =>
        webApi.AllTypes
            .Concat(TypeNames.LoadableTypes(webApi.Assembly).Where(type => type.Namespace is null))
            .Where(type => IsNamedEndpoints(type) || (webApi.Contains(type) && type.Namespace != webApi.Namespace));

    private static RuleResult DependsOnNone(string rule, Layer layer, IEnumerable<string> forbidden)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var types = layer.AllTypes;
        return RuleResult.Of(rule, types.Count, Dependencies.On(layer.Assembly, types, forbidden));
    }

    private static bool IsNamedEndpoints(Type type) =>
        TypeNames.Outermost(type).Name.EndsWith("Endpoints", StringComparison.Ordinal);
}
