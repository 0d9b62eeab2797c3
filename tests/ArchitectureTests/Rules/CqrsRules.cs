namespace Shop.ArchitectureTests.Rules;

/// <summary>Commands change state through write ports; queries only read; the mediator glues them to the API.</summary>
public static class CqrsRules
{
    /// <summary>
    /// Query handlers (and everything nested in them: their async state machines and closures) use none of
    /// <paramref name="writePorts"/>: no repository, no unit of work, no cache invalidation.
    /// </summary>
    public static RuleResult QueryHandlersUseNoWritePort(Layer application, IEnumerable<Type> writePorts)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(writePorts);
        var ports = writePorts.ToList();
        var handlers = application.Types.Where(Cqrs.IsQueryHandler).ToList();
        return RuleResult.Of(
            $"Query handlers in {application} use no write port ({string.Join(", ", ports.Select(TypeNames.Short))})",
            handlers.Count,
            Dependencies.On(application.Assembly, handlers, ports.Select(port => port.FullName!)));
    }

    /// <summary>Every command has a validator (a class implementing IValidator&lt;TCommand&gt;) in the same assembly.</summary>
    public static RuleResult EveryCommandHasAValidator(Layer application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var commands = application.Types.Where(Cqrs.IsCommand).ToList();
        var validated = TypeNames.LoadableTypes(application.Assembly)
            .Where(type => Cqrs.IsValidator(type) && !type.IsAbstract)
            .SelectMany(Cqrs.Validated)
            .ToHashSet();
        return RuleResult.Of(
            $"Every command in {application} has a validator",
            commands.Count,
            commands.Where(command => !validated.Contains(command))
                .Select(command => new Violation(TypeNames.Display(command), "no class implements IValidator<" + command.Name + ">")));
    }

    /// <summary>
    /// Commands, queries, their responses and every type of the same assembly they expose (properties, fields,
    /// generic arguments, array elements, transitively) are immutable; see <see cref="Immutability.Problems"/>.
    /// </summary>
    public static RuleResult MessagesAndResponsesAreImmutable(Layer application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var messages = application.Types.Where(Cqrs.IsMessage).ToList();
        var seen = new HashSet<Type>();
        var pending = new Queue<(Type Type, string Via)>();
        foreach (var message in messages)
        {
            pending.Enqueue((message, "message"));
            foreach (var response in Cqrs.Responses(message).SelectMany(Immutability.Unwrap))
            {
                pending.Enqueue((response, $"response of {message.Name}"));
            }
        }

        var violations = new List<Violation>();
        while (pending.TryDequeue(out var item))
        {
            var type = item.Type.IsGenericType && !item.Type.IsGenericTypeDefinition ? item.Type.GetGenericTypeDefinition() : item.Type;
            if (type.Assembly != application.Assembly || type.IsGenericParameter || !seen.Add(type))
            {
                continue;
            }

            violations.AddRange(Immutability.Problems(type)
                .Select(problem => new Violation(TypeNames.Display(type), $"{problem} ({item.Via})")));
            foreach (var exposed in Immutability.Exposed(type).SelectMany(Immutability.Unwrap))
            {
                pending.Enqueue((exposed, $"exposed by {type.Name}"));
            }
        }

        return RuleResult.Of($"Commands, queries and their responses in {application} are immutable", seen.Count, violations);
    }

    /// <summary>Every mediator handler is internal, sealed and named …Handler.</summary>
    public static RuleResult HandlersAreInternalSealedAndNamedHandler(Layer application) =>
        InternalSealedAndNamed(application, "handler", "Handler", Cqrs.IsHandler);

    /// <summary>Every FluentValidation validator is internal, sealed and named …Validator.</summary>
    public static RuleResult ValidatorsAreInternalSealedAndNamedValidator(Layer application) =>
        InternalSealedAndNamed(application, "validator", "Validator", Cqrs.IsValidator);

    private static RuleResult InternalSealedAndNamed(Layer application, string kind, string suffix, Func<Type, bool> select)
    {
        ArgumentNullException.ThrowIfNull(application);
        var types = application.Types.Where(select).ToList();
        var violations = new List<Violation>();
        foreach (var type in types)
        {
            var isInternal = type.IsNested ? type.IsNestedAssembly : type.IsNotPublic;
            if (!isInternal)
            {
                violations.Add(new Violation(TypeNames.Display(type), $"the {kind} {type.Name} is not internal"));
            }

            if (!type.IsSealed)
            {
                violations.Add(new Violation(TypeNames.Display(type), $"the {kind} {type.Name} is not sealed"));
            }

            if (!type.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                violations.Add(new Violation(TypeNames.Display(type), $"the {kind} {type.Name} is not named …{suffix}"));
            }
        }

        return RuleResult.Of($"Every {kind} in {application} is internal sealed and named …{suffix}", types.Count, violations);
    }
}
