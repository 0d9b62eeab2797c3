using Microsoft.EntityFrameworkCore;

namespace Shop.ArchitectureTests.Rules;

/// <summary>What an EF Core model maps: the second anchor for entities, besides a public <c>Id</c>.</summary>
public static class EfModel
{
    /// <summary>
    /// The classes the model of a context maps as entity types, built without a database (nothing connects until a
    /// query runs). Owned types are value objects, and shared-type entities (property bags) have no class of their own.
    /// </summary>
    public static IReadOnlyList<Type> MappedTypes<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(create);
        var options = new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost").Options;
        using var context = create(options);
        return [.. context.Model.GetEntityTypes()
            .Where(entityType => !entityType.IsOwned() && !entityType.HasSharedClrType)
            .Select(entityType => entityType.ClrType)
            .Distinct()];
    }

    /// <summary>The table each entity class of the model is mapped to (built without a database, as <see cref="MappedTypes"/>).</summary>
    public static IReadOnlyDictionary<Type, string> Tables<TContext>(Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(create);
        var options = new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost").Options;
        using var context = create(options);
        return context.Model.GetEntityTypes()
            .Where(entityType => !entityType.IsOwned() && !entityType.HasSharedClrType && entityType.GetTableName() is not null)
            .ToDictionary(entityType => entityType.ClrType, entityType => entityType.GetTableName()!);
    }
}
