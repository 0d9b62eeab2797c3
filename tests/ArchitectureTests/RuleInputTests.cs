using Shop.Application.Catalog.Ports;
using Shop.Application.Common.Ports;
using Shop.Application.Identity.Ports;
using Shop.Application.Ordering.Ports;
using Shop.ArchitectureTests.Rules;
using Shop.Domain.Catalog;
using Shop.Domain.Identity;
using Shop.Domain.Ordering;

namespace Shop.ArchitectureTests;

/// <summary>
/// The rules see what they are meant to see: the anchors find the four layers, and the sets the rules select
/// from are not silently empty or wrong (which would make a rule pass vacuously).
/// </summary>
public sealed class RuleInputTests
{
    [Fact]
    public void The_marker_types_anchor_four_distinct_layer_assemblies()
    {
        var assemblies = new[]
        {
            ShopArchitecture.DomainAssembly, ShopArchitecture.ApplicationAssembly,
            ShopArchitecture.InfrastructureAssembly, ShopArchitecture.WebApiAssembly,
        };

        Assert.Equal(4, assemblies.Distinct().Count());
        Assert.Contains(ShopArchitecture.Domain.Types, type => type == typeof(Product));
        Assert.Contains(ShopArchitecture.WebApi.Types, type => type.Namespace == "Shop.WebApi.Catalog");
    }

    [Fact]
    public void Every_module_has_types_in_Domain_Application_and_WebApi()
    {
        foreach (var module in ShopArchitecture.Modules)
        {
            Assert.NotEmpty(ShopArchitecture.Domain.Module(module).Types);
            Assert.NotEmpty(ShopArchitecture.Application.Module(module).Types);
            Assert.NotEmpty(ShopArchitecture.WebApi.Module(module).Types);
        }

        Assert.Equal(ShopArchitecture.Modules.Order(), ShopArchitecture.ModuleDependencies.Keys.Order());
    }

    [Fact]
    public void The_write_ports_are_the_repositories_the_unit_of_work_and_the_cache_invalidation()
    {
        Assert.Equal(
            new[] { typeof(CacheInvalidation), typeof(IOrderRepository), typeof(IProductRepository), typeof(IUnitOfWork), typeof(IUserRepository) },
            ShopArchitecture.WritePorts.OrderBy(type => type.Name));
    }

    [Fact]
    public void The_entities_are_User_Product_Order_and_LineItem() =>
        Assert.Equal(
            new[] { typeof(LineItem), typeof(Order), typeof(Product), typeof(User) },
            DomainRules.Entities(ShopArchitecture.Domain).OrderBy(type => type.Name));

    [Fact]
    public void Every_offender_namespace_is_under_a_mirrored_layer()
    {
        var layers = new[] { OffenderLayers.Domain, OffenderLayers.Application, OffenderLayers.Infrastructure, OffenderLayers.WebApi };

        var stray = TypeNames.LoadableTypes(OffenderLayers.Assembly)
            .Where(type => type.Namespace?.StartsWith("Shop.ArchitectureTests.Offenders", StringComparison.Ordinal) == true)
            .Where(type => !layers.Any(layer => layer.Contains(type)))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(stray);
    }
}
