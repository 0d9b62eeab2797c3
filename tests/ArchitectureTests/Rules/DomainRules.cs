using System.Reflection;

namespace Shop.ArchitectureTests.Rules;

/// <summary>Entities keep their invariants: state changes only through their methods, creation only through factories.</summary>
public static class DomainRules
{
    /// <summary>
    /// An entity is a class of the domain that the EF Core model maps (one of <paramref name="mappedTypes"/>,
    /// whatever its key is called), or a hand-written, non-static class of the domain with a public instance
    /// property <c>Id</c> (declared or inherited; not yet mapped, say); exceptions are not entities.
    /// Today: User, Product, Order, LineItem.
    /// </summary>
    public static IReadOnlyList<Type> Entities(Layer domain, IEnumerable<Type> mappedTypes)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(mappedTypes);
        var withId = domain.Types.Where(type => type.IsClass
            && !(type.IsAbstract && type.IsSealed)
            && !typeof(Exception).IsAssignableFrom(type)
            && type.GetProperty("Id", BindingFlags.Public | BindingFlags.Instance) is not null);
        return [.. withId.Union(mappedTypes.Where(domain.Contains)).OrderBy(type => type.FullName, StringComparer.Ordinal)];
    }

    /// <summary>No public property of an entity has a public setter, <c>set</c> or <c>init</c>.</summary>
    public static RuleResult EntitiesHaveNoPublicSetters(Layer domain, IEnumerable<Type> mappedTypes)
    {
        var entities = Entities(domain, mappedTypes);
        var violations = entities.SelectMany(entity => entity.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => new Violation(TypeNames.Display(entity), $"property {property.Name} has a public setter")));
        return RuleResult.Of($"Entities in {domain} have no public setters", entities.Count, violations);
    }

    /// <summary>
    /// No entity has a constructor callable from outside its assembly (public or protected), and each has a
    /// factory: a non-private static method of its own that returns it (User.Create, Order.Place, LineItem.Create
    /// used by Order.AddItem).
    /// </summary>
    public static RuleResult EntitiesAreCreatedThroughFactoryMethods(Layer domain, IEnumerable<Type> mappedTypes)
    {
        var entities = Entities(domain, mappedTypes);
        var violations = new List<Violation>();
        foreach (var entity in entities)
        {
            violations.AddRange(entity.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(constructor => constructor.IsPublic || constructor.IsFamily || constructor.IsFamilyOrAssembly)
                .Select(constructor => new Violation(
                    TypeNames.Display(entity),
                    $"has a {(constructor.IsPublic ? "public" : "protected")} constructor ({string.Join(", ", constructor.GetParameters().Select(p => TypeNames.Short(p.ParameterType)))})")));

            var hasFactory = entity.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Any(method => !method.IsPrivate && method.ReturnType == entity);
            if (!hasFactory)
            {
                violations.Add(new Violation(TypeNames.Display(entity), "has no factory method (a non-private static method returning it)"));
            }
        }

        return RuleResult.Of($"Entities in {domain} are created through factory methods, not public constructors", entities.Count, violations);
    }
}
