using System.Collections.Concurrent;
using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Shop.ArchitectureTests.Rules;

/// <summary>
/// Dependency search at IL level (signatures, fields, attributes, method bodies), by two engines whose findings
/// are merged:
/// <list type="bullet">
/// <item>NetArchTest.Rules, the primary engine;</item>
/// <item>
/// a walk of the IL with Mono.Cecil (which NetArchTest itself is built on), because NetArchTest 1.3.2 does not look
/// into compiler-generated closure classes (so a lambda's body, e.g. a minimal-API endpoint written as a lambda, goes
/// unchecked) and cannot name a type of the global namespace (the web host's <c>Program</c>). The negative controls
/// EndpointUsingRedis and InfrastructureTypeUsingWebApi fail with NetArchTest alone.
/// </item>
/// </list>
/// A forbidden name is a namespace (matched with its sub-namespaces) or a full type name (matched with its nested types).
/// </summary>
internal static class Dependencies
{
    // Mono.Cecil reads lazily and is not thread-safe: one loaded copy per assembly, searched by one test at a time.
    private static readonly ConcurrentDictionary<Assembly, Loaded> Cache = new();

    /// <summary>
    /// Every dependency of <paramref name="types"/>, and of everything nested in them (closures, async state
    /// machines, local functions), on one of <paramref name="forbidden"/>.
    /// </summary>
    public static IEnumerable<Violation> On(Assembly assembly, IEnumerable<Type> types, IEnumerable<string> forbidden)
    {
        var selected = types.Select(TypeNames.ToCecil).ToHashSet(StringComparer.Ordinal);
        var names = forbidden.Distinct(StringComparer.Ordinal).ToList();
        if (selected.Count == 0 || names.Count == 0)
        {
            return [];
        }

        var loaded = Cache.GetOrAdd(assembly, static a => new Loaded(a));
        var failing = new List<(string Dependency, string Type)>();
        lock (loaded)
        {
            foreach (var dependency in names)
            {
                var result = loaded.NetArchTest.That().MeetCustomRule(new NestedInAny(selected))
                    .ShouldNot().HaveDependencyOn(dependency).GetResult();
                failing.AddRange((result.FailingTypeNames ?? []).Select(type => (dependency, type)));
            }

            foreach (var type in loaded.AllCecilTypes.Where(type => NestedInAny.Matches(selected, type)))
            {
                var referenced = IlReferences.Of(type);
                failing.AddRange(names.Where(dependency => referenced.Any(name => Matches(name, dependency)))
                    .Select(dependency => (dependency, type.FullName)));
            }
        }

        return failing
            .GroupBy(f => (f.Dependency, Owner: TypeNames.DisplayCecil(f.Type)))
            .Select(group => new Violation(
                group.Key.Owner,
                $"depends on {group.Key.Dependency}" + Where(group.Key.Owner, group.Select(f => f.Type).Distinct())));
    }

    /// <summary>
    /// Runs <paramref name="read"/> on every Mono.Cecil type of <paramref name="assembly"/> (nested ones included), under
    /// the lock every rule reading that assembly's IL takes.
    /// </summary>
    public static T WithCecilTypes<T>(Assembly assembly, Func<IReadOnlyList<TypeDefinition>, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var loaded = Cache.GetOrAdd(assembly, static a => new Loaded(a));
        lock (loaded)
        {
            return read(loaded.AllCecilTypes);
        }
    }

    private static bool Matches(string referenced, string forbidden) =>
        referenced == forbidden
        || (referenced.Length > forbidden.Length
            && referenced.StartsWith(forbidden, StringComparison.Ordinal)
            && referenced[forbidden.Length] is '.' or '/');

    private static string Where(string owner, IEnumerable<string> failing)
    {
        var all = failing.ToList();
        var nested = all.Where(name => name != owner).Select(name => name[(owner.Length + 1)..]).Order(StringComparer.Ordinal).ToList();
        return all.Contains(owner) || nested.Count == 0 ? string.Empty : $" (in {string.Join(", ", nested)})";
    }

    private sealed class Loaded(Assembly assembly)
    {
        public Types NetArchTest { get; } = Types.InAssembly(assembly);

        public IReadOnlyList<TypeDefinition> AllCecilTypes { get; } =
            [.. ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { InMemory = true }).Types.SelectMany(Flatten)];

        private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(Flatten)];
    }

    /// <summary>Selects a type that is one of the names, or is nested (at any depth) in one of them.</summary>
    private sealed class NestedInAny(HashSet<string> names) : ICustomRule
    {
        public static bool Matches(HashSet<string> names, TypeDefinition type)
        {
            for (var current = type; current is not null; current = current.DeclaringType)
            {
                if (names.Contains(current.FullName))
                {
                    return true;
                }
            }

            return false;
        }

        public bool MeetsRule(TypeDefinition type) => Matches(names, type);
    }
}

/// <summary>The full names of every type one type definition refers to (not counting the types nested in it).</summary>
internal static class IlReferences
{
    public static HashSet<string> Of(TypeDefinition type)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        void Add(TypeReference? reference) => AddNames(reference, found);

        Add(type.BaseType);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        AddAttributes(type, found);
        AddGenericParameters(type, found);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field, found);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property, found);
        }

        foreach (var @event in type.Events)
        {
            Add(@event.EventType);
            AddAttributes(@event, found);
        }

        foreach (var method in type.Methods)
        {
            AddMethod(method, found);
        }

        return found;
    }

    private static void AddMethod(MethodDefinition method, HashSet<string> found)
    {
        AddNames(method.ReturnType, found);
        AddAttributes(method, found);
        AddAttributes(method.MethodReturnType, found);
        AddGenericParameters(method, found);
        foreach (var parameter in method.Parameters)
        {
            AddNames(parameter.ParameterType, found);
            AddAttributes(parameter, found);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            AddNames(variable.VariableType, found);
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            AddNames(handler.CatchType, found);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference typeOperand:
                    AddNames(typeOperand, found);
                    break;
                case MethodReference methodOperand:
                    AddMethodReference(methodOperand, found);
                    break;
                case FieldReference fieldOperand:
                    AddNames(fieldOperand.DeclaringType, found);
                    AddNames(fieldOperand.FieldType, found);
                    break;
                case CallSite callSite:
                    AddNames(callSite.ReturnType, found);
                    foreach (var parameter in callSite.Parameters)
                    {
                        AddNames(parameter.ParameterType, found);
                    }

                    break;
            }
        }
    }

    private static void AddMethodReference(MethodReference method, HashSet<string> found)
    {
        AddNames(method.DeclaringType, found);
        AddNames(method.ReturnType, found);
        foreach (var parameter in method.Parameters)
        {
            AddNames(parameter.ParameterType, found);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                AddNames(argument, found);
            }
        }
    }

    private static void AddGenericParameters(IGenericParameterProvider provider, HashSet<string> found)
    {
        foreach (var parameter in provider.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                AddNames(constraint.ConstraintType, found);
            }
        }
    }

    private static void AddAttributes(Mono.Cecil.ICustomAttributeProvider provider, HashSet<string> found)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            AddNames(attribute.AttributeType, found);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
            {
                if (argument.Value is TypeReference typeArgument)
                {
                    AddNames(typeArgument, found);
                }
            }
        }
    }

    /// <summary>Adds a type's name, taking arrays, pointers, modifiers and generic instances apart.</summary>
    private static void AddNames(TypeReference? reference, HashSet<string> found)
    {
        switch (reference)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                AddNames(generic.ElementType, found);
                foreach (var argument in generic.GenericArguments)
                {
                    AddNames(argument, found);
                }

                return;
            case TypeSpecification specification:
                AddNames(specification.ElementType, found);
                return;
            default:
                found.Add(reference.FullName);
                return;
        }
    }
}
