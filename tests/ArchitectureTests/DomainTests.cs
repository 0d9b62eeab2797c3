using Shop.ArchitectureTests.Offenders.Domain.Catalog;
using Shop.ArchitectureTests.Rules;

namespace Shop.ArchitectureTests;

/// <summary>Entity rules on the real code, each followed by its negative control on the offenders.</summary>
public sealed class DomainTests
{
    [Fact]
    public void Entities_have_no_public_setters() =>
        RuleAssert.Passes(DomainRules.EntitiesHaveNoPublicSetters(ShopArchitecture.Domain, ShopArchitecture.MappedTypes));

    [Fact]
    public void Entities_have_no_public_setters_fails_on_offenders()
    {
        var result = DomainRules.EntitiesHaveNoPublicSetters(OffenderLayers.Domain, OffenderLayers.MappedTypes);

        RuleAssert.FailsFor(result, typeof(EntityWithPublicSetter), typeof(EntityWithPublicInitSetter), typeof(SerialNumberedGadget));
        RuleAssert.DoesNotReport(result, typeof(Widget));
    }

    [Fact]
    public void Entities_are_created_through_factory_methods_and_have_no_public_constructor() =>
        RuleAssert.Passes(DomainRules.EntitiesAreCreatedThroughFactoryMethods(ShopArchitecture.Domain, ShopArchitecture.MappedTypes));

    [Fact]
    public void Entities_are_created_through_factory_methods_and_have_no_public_constructor_fails_on_offenders()
    {
        var result = DomainRules.EntitiesAreCreatedThroughFactoryMethods(OffenderLayers.Domain, OffenderLayers.MappedTypes);

        RuleAssert.FailsFor(result, typeof(EntityWithPublicConstructor), typeof(EntityWithoutFactory), typeof(SerialNumberedGadget));
        RuleAssert.DoesNotReport(result, typeof(Widget));
    }
}
