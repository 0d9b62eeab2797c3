namespace Shop.Infrastructure;

/// <summary>Anchors the Infrastructure assembly for the architecture tests.</summary>
public sealed class InfrastructureAssembly
{
    private InfrastructureAssembly()
    {
    }
}
