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
}
