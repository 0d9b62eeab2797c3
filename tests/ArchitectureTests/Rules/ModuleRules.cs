namespace Shop.ArchitectureTests.Rules;

/// <summary>Identity, Catalog and Ordering are modules: each keeps its types to itself.</summary>
public static class ModuleRules
{
    /// <summary>
    /// A module's domain types use no type of another module's domain: they hold other aggregates' ids only
    /// (an Order holds a ProductId, never a Product). Domain.Common is shared by all.
    /// </summary>
    public static RuleResult DomainModulesReferToEachOtherByIdOnly(Layer domain, IReadOnlyCollection<string> modules)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(modules);
        var @checked = 0;
        var violations = new List<Violation>();
        foreach (var module in modules)
        {
            var types = domain.Module(module).AllTypes;
            @checked += types.Count;
            var others = modules.Where(other => other != module).Select(other => domain.Module(other).Namespace);
            violations.AddRange(Dependencies.On(domain.Assembly, types, others));
        }

        return RuleResult.Of($"The modules of {domain} refer to each other by id only", @checked, violations);
    }

    /// <summary>
    /// A module's Application code uses another module only if it declares that dependency in
    /// <paramref name="allowed"/>, and then only that module's <c>Ports</c> namespace (what it exposes) and its
    /// Domain; nothing else of it (handlers, commands, responses, mappers, rules). Application.Common is shared by all.
    /// </summary>
    /// <param name="application">The Application layer whose modules are checked.</param>
    /// <param name="domain">The Domain layer of the same modules.</param>
    /// <param name="allowed">For each module, the modules it may use.</param>
    public static RuleResult ApplicationModulesUseOtherModulesOnlyThroughTheirPorts(
        Layer application, Layer domain, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(allowed);
        var @checked = 0;
        var violations = new List<Violation>();
        foreach (var (module, uses) in allowed)
        {
            var types = application.Module(module).AllTypes;
            @checked += types.Count;
            var forbidden = new List<string>();
            foreach (var other in allowed.Keys.Where(other => other != module))
            {
                if (uses.Contains(other))
                {
                    // Everything of the other module's Application code except its Ports namespace, type by type
                    // (a namespace would take its Ports sub-namespace with it).
                    var exposed = application.Module(other).Module("Ports");
                    forbidden.AddRange(application.Module(other).AllTypes
                        .Where(type => !type.IsNested && !exposed.Contains(type))
                        .Select(type => type.FullName!));
                }
                else
                {
                    forbidden.Add(application.Module(other).Namespace);
                    forbidden.Add(domain.Module(other).Namespace);
                }
            }

            violations.AddRange(Dependencies.On(application.Assembly, types, forbidden));
        }

        return RuleResult.Of(
            $"The modules of {application} use another module only when declared, and then only through its Ports and its Domain",
            @checked,
            violations);
    }

    /// <summary>
    /// A module's Infrastructure code (the adapters in <c>Shop.Infrastructure.X</c>) uses another module only through
    /// that module's Application ports, and only if it declares the dependency in <paramref name="allowed"/>: never
    /// another module's Infrastructure types (its repositories, query services, SQL statements), nor the rest of its
    /// Application code. Another module's Domain types are not checked here: they come with its ports, and an EF Core
    /// configuration names them for a foreign key; what a module reads and writes is checked by
    /// <see cref="InfrastructureModulesTouchOnlyTheirOwnTables"/>. The shared Infrastructure (persistence, caching, ...)
    /// belongs to no module.
    /// </summary>
    /// <param name="infrastructure">The Infrastructure layer whose modules are checked.</param>
    /// <param name="application">The Application layer of the same modules (where their ports are).</param>
    /// <param name="allowed">For each module, the modules it may use.</param>
    public static RuleResult InfrastructureModulesUseOtherModulesOnlyThroughTheirApplicationPorts(
        Layer infrastructure, Layer application, IReadOnlyDictionary<string, IReadOnlyList<string>> allowed)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(allowed);
        var @checked = 0;
        var violations = new List<Violation>();
        foreach (var (module, uses) in allowed)
        {
            var types = infrastructure.Module(module).AllTypes;
            @checked += types.Count;
            var forbidden = new List<string>();
            foreach (var other in allowed.Keys.Where(other => other != module))
            {
                forbidden.Add(infrastructure.Module(other).Namespace);
                if (uses.Contains(other))
                {
                    // Everything of the other module's Application code except its Ports namespace, type by type.
                    var ports = application.Module(other).Module("Ports");
                    forbidden.AddRange(application.Module(other).AllTypes
                        .Where(type => !type.IsNested && !ports.Contains(type))
                        .Select(type => type.FullName!));
                }
                else
                {
                    forbidden.Add(application.Module(other).Namespace);
                }
            }

            violations.AddRange(Dependencies.On(infrastructure.Assembly, types, forbidden));
        }

        return RuleResult.Of(
            $"The modules of {infrastructure} use another module only when declared, and then only through its Application ports",
            @checked,
            violations);
    }

    /// <summary>
    /// Each module owns its tables (<paramref name="owners"/>), and its Infrastructure code touches no other: not through
    /// EF Core, not in SQL, not through another module's Infrastructure type (see <see cref="TableUse"/> for what counts).
    /// Another module's data is reached through that module's Application port. A table no module owns is reported
    /// wherever it is touched.
    /// </summary>
    /// <param name="infrastructure">The Infrastructure layer whose modules are checked.</param>
    /// <param name="entityTables">The table of each entity class, from the EF Core model.</param>
    /// <param name="owners">For each module, the tables it owns.</param>
    public static RuleResult InfrastructureModulesTouchOnlyTheirOwnTables(
        Layer infrastructure, IReadOnlyDictionary<Type, string> entityTables, IReadOnlyDictionary<string, IReadOnlyList<string>> owners)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(entityTables);
        ArgumentNullException.ThrowIfNull(owners);
        var ownerOf = owners.SelectMany(pair => pair.Value.Select(table => (Table: table, Module: pair.Key)))
            .ToDictionary(pair => pair.Table, pair => pair.Module, StringComparer.Ordinal);
        var tables = entityTables.Values.Concat(ownerOf.Keys).Distinct(StringComparer.Ordinal).ToList();
        var namespaces = owners.Keys.ToDictionary(module => module, module => infrastructure.Module(module).Namespace, StringComparer.Ordinal);
        var touches = Dependencies.WithCecilTypes(infrastructure.Assembly, types => TableUse.Find(types, namespaces, entityTables, tables));
        var @checked = owners.Keys.Sum(module => infrastructure.Module(module).Types.Count);
        var violations = touches
            .Where(touch => !ownerOf.TryGetValue(touch.Table, out var owner) || owner != touch.Module)
            .Select(touch => new Violation(
                TypeNames.DisplayCecil(touch.Type),
                ownerOf.TryGetValue(touch.Table, out var owner)
                    ? $"touches {touch.Table}, owned by {owner}, {touch.How}"
                    : $"touches {touch.Table}, which no module owns, {touch.How}"));

        return RuleResult.Of($"The modules of {infrastructure} touch only the tables they own", @checked, violations);
    }
}
