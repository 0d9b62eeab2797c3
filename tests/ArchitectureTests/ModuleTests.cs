using Shop.ArchitectureTests.Rules;
using AppOffenders = Shop.ArchitectureTests.Offenders.Application;
using DomainOffenders = Shop.ArchitectureTests.Offenders.Domain;
using InfrastructureOffenders = Shop.ArchitectureTests.Offenders.Infrastructure;

namespace Shop.ArchitectureTests;

/// <summary>Module rules on the real code, each followed by its negative control on the offenders.</summary>
public sealed class ModuleTests
{
    [Fact]
    public void Domain_modules_refer_to_each_other_by_id_only() =>
        RuleAssert.Passes(ModuleRules.DomainModulesReferToEachOtherByIdOnly(ShopArchitecture.Domain, ShopArchitecture.Modules));

    [Fact]
    public void Domain_modules_refer_to_each_other_by_id_only_fails_on_offenders()
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

    [Fact]
    public void Infrastructure_modules_use_another_module_only_through_its_Application_ports() =>
        RuleAssert.Passes(ModuleRules.InfrastructureModulesUseOtherModulesOnlyThroughTheirApplicationPorts(
            ShopArchitecture.Infrastructure, ShopArchitecture.Application, ShopArchitecture.ModuleDependencies));

    [Fact]
    public void Infrastructure_modules_use_another_module_only_through_its_Application_ports_fails_on_offenders()
    {
        var result = ModuleRules.InfrastructureModulesUseOtherModulesOnlyThroughTheirApplicationPorts(
            OffenderLayers.Infrastructure, OffenderLayers.Application, ShopArchitecture.ModuleDependencies);

        RuleAssert.FailsFor(
            result,
            (typeof(InfrastructureOffenders.Ordering.OrderingUsingCatalogInfrastructure), OffenderLayers.Infrastructure.Module("Catalog").Namespace),
            (typeof(InfrastructureOffenders.Ordering.OrderingAdapterUsingCatalogInternals), typeof(AppOffenders.Catalog.WidgetPricing).FullName!),
            (typeof(InfrastructureOffenders.Identity.IdentityAdapterUsingCatalogPorts), OffenderLayers.Application.Module("Catalog").Namespace));
        RuleAssert.DoesNotReport(
            result,
            typeof(InfrastructureOffenders.Ordering.OrderingAdapterUsingCatalogPorts),
            typeof(InfrastructureOffenders.Ordering.WidgetOrderConfiguration),
            typeof(InfrastructureOffenders.Ordering.OrderingReadingWidgetsThroughEfCore));
    }

    [Fact]
    public void Infrastructure_modules_touch_only_the_tables_they_own() =>
        RuleAssert.Passes(ModuleRules.InfrastructureModulesTouchOnlyTheirOwnTables(
            ShopArchitecture.Infrastructure, ShopArchitecture.EntityTables, ShopArchitecture.TableOwners));

    [Fact]
    public void Infrastructure_modules_touch_only_the_tables_they_own_fails_on_offenders()
    {
        var result = ModuleRules.InfrastructureModulesTouchOnlyTheirOwnTables(
            OffenderLayers.Infrastructure, OffenderLayers.EntityTables, OffenderLayers.TableOwners);

        RuleAssert.FailsFor(
            result,
            typeof(InfrastructureOffenders.Ordering.OrderingUsingCatalogInfrastructure),
            typeof(InfrastructureOffenders.Ordering.OrderingReadingWidgetsThroughEfCore),
            typeof(InfrastructureOffenders.Ordering.OrderingWritingWidgetsInSql));
        RuleAssert.DoesNotReport(
            result,
            typeof(InfrastructureOffenders.Catalog.WidgetRepository),
            typeof(InfrastructureOffenders.Catalog.WidgetStatements),
            typeof(InfrastructureOffenders.Ordering.WidgetOrderQueries),
            typeof(InfrastructureOffenders.Ordering.WidgetOrderConfiguration),
            typeof(InfrastructureOffenders.Ordering.OrderingAdapterUsingCatalogPorts),
            typeof(InfrastructureOffenders.Identity.IdentityAdapterUsingCatalogPorts));
        Assert.All(result.Violations, violation => Assert.Contains("touches widgets, owned by Catalog, ", violation.Reason, StringComparison.Ordinal));
    }
}
