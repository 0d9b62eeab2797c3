namespace Shop.Domain;

/// <summary>Anchors the Domain assembly for the architecture tests.</summary>
public sealed class DomainAssembly
{
    private DomainAssembly()
    {
    }
}
