namespace Shop.ArchitectureTests.Offenders.Domain.Catalog;

/// <summary>A well-formed entity (private setters, private constructor, factory method): breaks no rule by itself.</summary>
public sealed class Widget
{
    private Widget(Guid id, string name)
    {
        Id = id;
        Name = name;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public static Widget Create(string name) => new(Guid.CreateVersion7(), name);
}
