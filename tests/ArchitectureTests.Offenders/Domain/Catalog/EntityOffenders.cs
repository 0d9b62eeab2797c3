namespace Shop.ArchitectureTests.Offenders.Domain.Catalog;

/// <summary>Offends "entities have no public setters": <see cref="Name"/> can be set from anywhere.</summary>
public sealed class EntityWithPublicSetter
{
    private EntityWithPublicSetter(Guid id) => Id = id;

    public Guid Id { get; private set; }

    public string Name { get; set; } = string.Empty;

    public static EntityWithPublicSetter Create() => new(Guid.CreateVersion7());
}

/// <summary>Offends "entities have no public setters": an init accessor is a public setter on an entity too.</summary>
public sealed class EntityWithPublicInitSetter
{
    private EntityWithPublicInitSetter(Guid id) => Id = id;

    public Guid Id { get; init; }

    public static EntityWithPublicInitSetter Create() => new(Guid.CreateVersion7());
}

/// <summary>Offends "entities are created through factory methods": anyone may call the constructor.</summary>
public sealed class EntityWithPublicConstructor
{
    public EntityWithPublicConstructor(Guid id) => Id = id;

    public Guid Id { get; private set; }
}

/// <summary>Offends "entities are created through factory methods": no public constructor, but no factory either.</summary>
public sealed class EntityWithoutFactory
{
    private EntityWithoutFactory(Guid id) => Id = id;

    public Guid Id { get; private set; }
}

/// <summary>
/// Offends both entity rules (a public setter, a public constructor and no factory), yet has no public Id: it is
/// keyed by its serial number, so only the EF Core model (WidgetDbContext maps it) shows it is an entity.
/// </summary>
public sealed class SerialNumberedGadget
{
    public SerialNumberedGadget(string serial) => Serial = serial;

    public string Serial { get; private set; }

    public string Label { get; set; } = string.Empty;
}
