using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Shop.ArchitectureTests.Rules;

/// <summary>One table a module's type touches, and how.</summary>
/// <param name="Module">The module whose Infrastructure code it is.</param>
/// <param name="Type">The full name of the type (its outermost type: closures and state machines report their owner).</param>
/// <param name="Table">The table.</param>
/// <param name="How">"through EF Core (Product)", "in SQL \"…\"", "through Shop.Infrastructure.Catalog.StockStatements (in SQL …)".</param>
internal sealed record TableTouch(string Module, string Type, string Table, string How);

/// <summary>
/// Which tables the Infrastructure code of each module touches, read from IL (Mono.Cecil):
/// <list type="bullet">
/// <item>through EF Core: an entity type as a generic argument of an EF Core type or method (<c>Set&lt;Product&gt;()</c>,
/// <c>DbSet&lt;Product&gt;</c>, <c>Include</c>, <c>FromSql</c>, <c>EF.CompileAsyncQuery</c>, <c>Entry</c>, ...), the entity
/// standing for its table in the EF Core model;</item>
/// <item>in SQL: a string literal that names the table as a whole word (any case);</item>
/// <item>through another module's Infrastructure type that it uses: whatever that type touches, transitively.</item>
/// </list>
/// An entity configuration (<c>IEntityTypeConfiguration&lt;T&gt;</c>) touches the table of the entity it maps; the
/// foreign keys it declares to other tables read and write nothing of them, so its other references are not counted.
/// Code shared by the modules (outside their namespaces: persistence, caching, migrations) is not followed.
/// </summary>
internal static class TableUse
{
    private const string EfCore = "Microsoft.EntityFrameworkCore";
    private const string EntityConfiguration = EfCore + ".IEntityTypeConfiguration`1";

    /// <param name="types">Every Mono.Cecil type of the assembly, nested ones included.</param>
    /// <param name="modules">Each module's Infrastructure namespace, by module.</param>
    /// <param name="entityTables">The table of each entity class of the EF Core model.</param>
    /// <param name="tables">Every table name to look for in SQL.</param>
    public static List<TableTouch> Find(
        IReadOnlyList<TypeDefinition> types,
        IReadOnlyDictionary<string, string> modules,
        IReadOnlyDictionary<Type, string> entityTables,
        IReadOnlyCollection<string> tables)
    {
        var entities = entityTables.ToDictionary(pair => TypeNames.ToCecil(pair.Key), pair => pair.Value, StringComparer.Ordinal);
        var sql = tables.Distinct(StringComparer.Ordinal)
            .Select(table => (Table: table, Pattern: new Regex($"(?<![A-Za-z0-9_]){Regex.Escape(table)}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase)))
            .ToList();
        var outermost = types.Where(type => type.DeclaringType is null).ToDictionary(type => type.FullName, StringComparer.Ordinal);
        var nested = types.Where(type => type.DeclaringType is not null).ToLookup(type => Outermost(type).FullName, StringComparer.Ordinal);
        string? ModuleOf(TypeDefinition type) =>
            modules.Where(module => TypeNames.IsInNamespace(type.Namespace, module.Value)).Select(module => module.Key).FirstOrDefault();
        IEnumerable<TypeDefinition> WithNested(TypeDefinition type) => [type, .. nested[type.FullName]];

        var direct = new Dictionary<string, List<(string Table, string How)>>(StringComparer.Ordinal);
        List<(string Table, string How)> Direct(TypeDefinition type)
        {
            if (!direct.TryGetValue(type.FullName, out var found))
            {
                found = [.. WithNested(type).SelectMany(part => DirectTouches(part, entities, sql)).Distinct()];
                direct[type.FullName] = found;
            }

            return found;
        }

        // What a type touches itself, and through the other modules' Infrastructure types it uses (transitively).
        List<(string Table, string How)> Touches(TypeDefinition type, string module, HashSet<string> visited)
        {
            var touches = new List<(string, string)>(Direct(type));
            var used = WithNested(type).SelectMany(IlReferences.Of).Select(TypeNames.DisplayCecil).Distinct(StringComparer.Ordinal);
            foreach (var name in used)
            {
                if (outermost.TryGetValue(name, out var other) && ModuleOf(other) is { } owner && owner != module && visited.Add(name))
                {
                    touches.AddRange(Touches(other, module, visited).Select(touch => (touch.Table, $"through {name} ({touch.How})")));
                }
            }

            return touches;
        }

        var result = new List<TableTouch>();
        foreach (var type in outermost.Values)
        {
            if (ModuleOf(type) is { } module)
            {
                result.AddRange(Touches(type, module, new HashSet<string>(StringComparer.Ordinal) { type.FullName })
                    .Distinct()
                    .Select(touch => new TableTouch(module, type.FullName, touch.Table, touch.How)));
            }
        }

        return result;
    }

    private static IEnumerable<(string Table, string How)> DirectTouches(
        TypeDefinition type, Dictionary<string, string> entities, List<(string Table, Regex Pattern)> sql)
    {
        var configured = Outermost(type).Interfaces.Select(implemented => implemented.InterfaceType).OfType<GenericInstanceType>()
            .Where(generic => generic.ElementType.FullName == EntityConfiguration)
            .Select(generic => generic.GenericArguments[0].FullName)
            .ToList();
        if (configured.Count > 0)
        {
            // Only the entity it maps: the foreign keys it declares touch no other table.
            foreach (var entity in configured.Where(entities.ContainsKey))
            {
                yield return (entities[entity], $"by mapping {Short(entity)} in an EF Core configuration");
            }

            yield break;
        }

        var references = new List<TypeReference>();
        references.AddRange(type.Fields.Select(field => field.FieldType));
        references.AddRange(type.Properties.Select(property => property.PropertyType));
        foreach (var method in type.Methods)
        {
            references.Add(method.ReturnType);
            references.AddRange(method.Parameters.Select(parameter => parameter.ParameterType));
            if (!method.HasBody)
            {
                continue;
            }

            references.AddRange(method.Body.Variables.Select(variable => variable.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case string literal when instruction.OpCode == OpCodes.Ldstr:
                        foreach (var (table, pattern) in sql.Where(candidate => candidate.Pattern.IsMatch(literal)))
                        {
                            yield return (table, $"in SQL \"{Shorten(literal)}\"");
                        }

                        break;
                    case GenericInstanceMethod generic when IsEfCore(generic.DeclaringType):
                        foreach (var entity in generic.GenericArguments.SelectMany(EntityNames).Where(entities.ContainsKey))
                        {
                            yield return (entities[entity], $"through EF Core ({Short(entity)})");
                        }

                        references.Add(generic.DeclaringType);
                        break;
                    case MethodReference called:
                        references.Add(called.DeclaringType);
                        break;
                    case FieldReference field:
                        references.Add(field.DeclaringType);
                        references.Add(field.FieldType);
                        break;
                    case TypeReference referenced:
                        references.Add(referenced);
                        break;
                }
            }
        }

        foreach (var entity in references.SelectMany(EfCoreEntityArguments).Where(entities.ContainsKey))
        {
            yield return (entities[entity], $"through EF Core ({Short(entity)})");
        }
    }

    /// <summary>The type arguments of every EF Core generic type inside <paramref name="reference"/> (DbSet&lt;Product&gt;, EntityEntry&lt;Order&gt;).</summary>
    private static IEnumerable<string> EfCoreEntityArguments(TypeReference? reference) => reference switch
    {
        GenericInstanceType generic when IsEfCore(generic.ElementType) => generic.GenericArguments.SelectMany(EntityNames),
        GenericInstanceType generic => generic.GenericArguments.SelectMany(EfCoreEntityArguments),
        TypeSpecification specification => EfCoreEntityArguments(specification.ElementType),
        _ => [],
    };

    /// <summary>Every type named in <paramref name="reference"/>, generic arguments included (IEnumerable&lt;LineItem&gt; gives LineItem).</summary>
    private static IEnumerable<string> EntityNames(TypeReference reference) => reference switch
    {
        GenericInstanceType generic => [generic.ElementType.FullName, .. generic.GenericArguments.SelectMany(EntityNames)],
        TypeSpecification specification => EntityNames(specification.ElementType),
        GenericParameter => [],
        _ => [reference.FullName],
    };

    private static bool IsEfCore(TypeReference type)
    {
        var outer = type;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }

        return TypeNames.IsInNamespace(outer.Namespace, EfCore);
    }

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string Short(string fullName) => fullName[(fullName.LastIndexOfAny(['.', '/']) + 1)..];

    private static string Shorten(string literal)
    {
        var line = string.Join(' ', literal.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 60 ? line : line[..57] + "...";
    }
}
