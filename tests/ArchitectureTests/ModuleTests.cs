using Shop.ArchitectureTests.Rules;
using AppOffenders = Shop.ArchitectureTests.Offenders.Application;
using DomainOffenders = Shop.ArchitectureTests.Offenders.Domain;

namespace Shop.ArchitectureTests;

/// <summary>Module rules on the real code, each followed by its negative control on the offenders.</summary>
public sealed class ModuleTests
{
    [Fact]
    public void Domain_modules_Identity_Catalog_and_Ordering_refer_to_each_other_by_id_only() =>
        RuleAssert.Passes(ModuleRules.DomainModulesReferToEachOtherByIdOnly(ShopArchitecture.Domain, ShopArchitecture.Modules));

    [Fact]
    public void Domain_modules_Identity_Catalog_and_Ordering_refer_to_each_other_by_id_only_fails_on_offenders()
    {
        var result = ModuleRules.DomainModulesReferToEachOtherByIdOnly(OffenderLayers.Domain, ShopArchitecture.Modules);

        RuleAssert.FailsFor(result, typeof(DomainOffenders.Ordering.OrderOfWidgets));
        RuleAssert.DoesNotReport(result, typeof(DomainOffenders.Ordering.OrderOfWidgetIds));
    }

    [Fact]
    public void Application_modules_use_another_module_only_when_declared_and_only_through_its_Ports_and_Domain() =>
        RuleAssert.Passes(ModuleRules.ApplicationModulesUseOtherModulesOnlyThroughTheirPorts(
            ShopArchitecture.Application, ShopArchitecture.Domain, ShopArchitecture.ModuleDependencies));

    [Fact]
    public void Application_modules_use_another_module_only_when_declared_and_only_through_its_Ports_and_Domain_fails_on_offenders()
    {
        var result = ModuleRules.ApplicationModulesUseOtherModulesOnlyThroughTheirPorts(
            OffenderLayers.Application, OffenderLayers.Domain, ShopArchitecture.ModuleDependencies);

        RuleAssert.FailsFor(
            result,
            typeof(AppOffenders.Ordering.OrderingUsingCatalogInternals),
            typeof(AppOffenders.Identity.IdentityUsingCatalogPorts),
            typeof(AppOffenders.Catalog.CatalogUsingOrderingDomain));
        RuleAssert.DoesNotReport(result, typeof(AppOffenders.Ordering.OrderingUsingCatalogPorts));
    }
}
