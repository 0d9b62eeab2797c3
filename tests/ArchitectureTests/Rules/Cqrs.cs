using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;

namespace Shop.ArchitectureTests.Rules;

/// <summary>How the mediator's commands, queries and handlers are recognised (by their Mediator interfaces).</summary>
internal static class Cqrs
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<>), typeof(ICommandHandler<,>), typeof(IQueryHandler<,>),
        typeof(IRequestHandler<>), typeof(IRequestHandler<,>), typeof(INotificationHandler<>),
        typeof(IStreamCommandHandler<,>), typeof(IStreamQueryHandler<,>), typeof(IStreamRequestHandler<,>),
    ];

    private static readonly Type[] QueryHandlerInterfaces = [typeof(IQueryHandler<,>), typeof(IStreamQueryHandler<,>)];

    /// <summary>Message interfaces whose type argument is the response.</summary>
    private static readonly Type[] MessagesWithResponse =
    [
        typeof(ICommand<>), typeof(IQuery<>), typeof(IRequest<>),
        typeof(IStreamCommand<>), typeof(IStreamQuery<>), typeof(IStreamRequest<>),
    ];

    public static bool IsCommand(Type type) =>
        IsConcrete(type) && (typeof(IBaseCommand).IsAssignableFrom(type) || typeof(IBaseStreamCommand).IsAssignableFrom(type));

    public static bool IsQuery(Type type) =>
        IsConcrete(type) && (typeof(IBaseQuery).IsAssignableFrom(type) || typeof(IBaseStreamQuery).IsAssignableFrom(type));

    /// <summary>A command, a query or a plain request.</summary>
    public static bool IsMessage(Type type) =>
        IsCommand(type) || IsQuery(type)
        || (IsConcrete(type) && (typeof(IBaseRequest).IsAssignableFrom(type) || typeof(IBaseStreamRequest).IsAssignableFrom(type)));

    public static bool IsHandler(Type type) => type.IsClass && Implements(type, HandlerInterfaces);

    public static bool IsQueryHandler(Type type) => type.IsClass && Implements(type, QueryHandlerInterfaces);

    public static bool IsNotificationHandler(Type type) => type.IsClass && Implements(type, [typeof(INotificationHandler<>)]);

    public static bool IsValidator(Type type) => type.IsClass && Implements(type, [typeof(IValidator<>)]);

    /// <summary>The types a validator validates (IValidator&lt;T&gt;).</summary>
    public static IEnumerable<Type> Validated(Type validator) => GenericArguments(validator, typeof(IValidator<>));

    /// <summary>The response types a message declares (ICommand&lt;T&gt;, IQuery&lt;T&gt;...).</summary>
    public static IEnumerable<Type> Responses(Type message) =>
        MessagesWithResponse.SelectMany(definition => GenericArguments(message, definition));

    private static bool IsConcrete(Type type) => !type.IsAbstract && !type.IsInterface;

    private static bool Implements(Type type, Type[] definitions) =>
        type.GetInterfaces().Any(i => i.IsGenericType && definitions.Contains(i.GetGenericTypeDefinition()));

    private static IEnumerable<Type> GenericArguments(Type type, Type definition) =>
        type.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)
            .Select(i => i.GetGenericArguments()[0]);
}

/// <summary>What "immutable" means for commands, queries and responses.</summary>
internal static class Immutability
{
    private static readonly Type[] MutableCollections =
    [
        typeof(List<>), typeof(IList<>), typeof(ICollection<>), typeof(Dictionary<,>), typeof(IDictionary<,>),
        typeof(HashSet<>), typeof(ISet<>), typeof(System.Collections.ObjectModel.Collection<>),
    ];

    /// <summary>
    /// Why <paramref name="type"/> is not immutable, if it is not: a public property with a public <c>set</c>
    /// (an <c>init</c> accessor is fine: it only runs while the object is created), a public field that is not
    /// readonly, or a public member that exposes a mutable collection (an array, List, Dictionary, ...).
    /// Non-public members are not part of the contract and are ignored (so is a record's protected EqualityContract).
    /// </summary>
    public static IEnumerable<string> Problems(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            {
                yield return $"property {property.Name} has a public setter";
            }

            if (IsMutableCollection(property.PropertyType))
            {
                yield return $"property {property.Name} exposes a mutable {TypeNames.Short(property.PropertyType)}";
            }
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!field.IsInitOnly)
            {
                yield return $"field {field.Name} is public and not readonly";
            }
            else if (IsMutableCollection(field.FieldType))
            {
                yield return $"field {field.Name} exposes a mutable {TypeNames.Short(field.FieldType)}";
            }
        }
    }

    /// <summary>The types a member of <paramref name="type"/> exposes: property, field, element and generic argument types.</summary>
    public static IEnumerable<Type> Exposed(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.FieldType));

    /// <summary><paramref name="type"/> and the types it is built from (generic arguments, array elements, nullable values).</summary>
    public static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return inner;
            }
        }
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static bool IsMutableCollection(Type type) =>
        type.IsArray || (type.IsGenericType && MutableCollections.Contains(type.GetGenericTypeDefinition()));
}
