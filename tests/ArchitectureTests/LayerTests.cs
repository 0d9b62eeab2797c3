using Shop.ArchitectureTests.Rules;
using AppOffenders = Shop.ArchitectureTests.Offenders.Application.Common;
using DomainOffenders = Shop.ArchitectureTests.Offenders.Domain.Identity;
using EndpointOffenders = Shop.ArchitectureTests.Offenders.WebApi;
using InfrastructureOffenders = Shop.ArchitectureTests.Offenders.Infrastructure;

namespace Shop.ArchitectureTests;

/// <summary>Layer rules on the real code, each followed by its negative control on the offenders.</summary>
public sealed class LayerTests
{
    private static readonly string WebApiEntryPoint = typeof(Program).FullName!;

    [Fact]
    public void Domain_references_no_assembly_outside_the_BCL() =>
        RuleAssert.Passes(LayerRules.ReferencesOnlyTheBcl(ShopArchitecture.DomainAssembly));

    [Fact]
    public void Domain_references_no_assembly_outside_the_BCL_fails_on_offenders() =>
        RuleAssert.FailsWith(
            LayerRules.ReferencesOnlyTheBcl(OffenderLayers.Assembly),
            "references Microsoft.EntityFrameworkCore ", "references Shop.Application ", "references StackExchange.Redis ");

    [Fact]
    public void Domain_depends_on_no_outer_layer_EF_Core_Npgsql_Redis_ASP_NET_Core_mediator_or_FluentValidation() =>
        RuleAssert.Passes(LayerRules.DomainDependsOnNoOuterLayerOrFramework(ShopArchitecture.Domain));

    [Fact]
    public void Domain_depends_on_no_outer_layer_EF_Core_Npgsql_Redis_ASP_NET_Core_mediator_or_FluentValidation_fails_on_offenders() =>
        RuleAssert.FailsFor(
            LayerRules.DomainDependsOnNoOuterLayerOrFramework(OffenderLayers.Domain),
            (typeof(DomainOffenders.DomainTypeUsingApplication), ShopArchitecture.Application.Namespace),
            (typeof(DomainOffenders.DomainTypeUsingInfrastructure), ShopArchitecture.Infrastructure.Namespace),
            (typeof(DomainOffenders.DomainTypeUsingWebApi), WebApiEntryPoint),
            (typeof(DomainOffenders.DomainTypeUsingEfCore), "Microsoft.EntityFrameworkCore"),
            (typeof(DomainOffenders.DomainTypeUsingNpgsql), "Npgsql"),
            (typeof(DomainOffenders.DomainTypeUsingRedis), "StackExchange.Redis"),
            (typeof(DomainOffenders.DomainTypeUsingAspNetCore), "Microsoft.AspNetCore"),
            (typeof(DomainOffenders.DomainTypeUsingMediator), "Mediator"),
            (typeof(DomainOffenders.DomainTypeUsingFluentValidation), "FluentValidation"));

    [Fact]
    public void Application_depends_on_neither_Infrastructure_WebApi_EF_Core_Npgsql_Redis_ASP_NET_Core_HttpClient_nor_hosted_services() =>
        RuleAssert.Passes(LayerRules.ApplicationDependsOnNoOuterLayerOrInfrastructureFramework(ShopArchitecture.Application));

    [Fact]
    public void Application_depends_on_neither_Infrastructure_WebApi_EF_Core_Npgsql_Redis_ASP_NET_Core_HttpClient_nor_hosted_services_fails_on_offenders() =>
        RuleAssert.FailsFor(
            LayerRules.ApplicationDependsOnNoOuterLayerOrInfrastructureFramework(OffenderLayers.Application),
            (typeof(AppOffenders.ApplicationTypeUsingInfrastructure), ShopArchitecture.Infrastructure.Namespace),
            (typeof(AppOffenders.ApplicationTypeUsingWebApi), WebApiEntryPoint),
            (typeof(AppOffenders.ApplicationTypeUsingEfCore), "Microsoft.EntityFrameworkCore"),
            (typeof(AppOffenders.ApplicationTypeUsingNpgsql), "Npgsql"),
            (typeof(AppOffenders.ApplicationTypeUsingRedis), "StackExchange.Redis"),
            (typeof(AppOffenders.ApplicationTypeUsingAspNetCore), "Microsoft.AspNetCore"),
            (typeof(AppOffenders.ApplicationTypeUsingHttpClient), "System.Net.Http"),
            (typeof(AppOffenders.ApplicationTypeUsingHosting), "Microsoft.Extensions.Hosting"));

    [Fact]
    public void Application_and_Domain_depend_on_no_OpenTelemetry_package()
    {
        RuleAssert.Passes(LayerRules.DependsOnNoOpenTelemetry(ShopArchitecture.Application));
        RuleAssert.Passes(LayerRules.DependsOnNoOpenTelemetry(ShopArchitecture.Domain));
    }

    [Fact]
    public void Application_and_Domain_depend_on_no_OpenTelemetry_package_fails_on_offenders()
    {
        RuleAssert.FailsFor(
            LayerRules.DependsOnNoOpenTelemetry(OffenderLayers.Application),
            (typeof(AppOffenders.ApplicationTypeUsingOpenTelemetry), "OpenTelemetry"));
        RuleAssert.FailsFor(
            LayerRules.DependsOnNoOpenTelemetry(OffenderLayers.Domain),
            (typeof(DomainOffenders.DomainTypeUsingOpenTelemetry), "OpenTelemetry"));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_WebApi() =>
        RuleAssert.Passes(LayerRules.InfrastructureDependsOnNoWebApi(ShopArchitecture.Infrastructure));

    [Fact]
    public void Infrastructure_does_not_depend_on_WebApi_fails_on_offenders() =>
        RuleAssert.FailsFor(
            LayerRules.InfrastructureDependsOnNoWebApi(OffenderLayers.Infrastructure),
            (typeof(InfrastructureOffenders.InfrastructureTypeUsingWebApi), WebApiEntryPoint));

    [Fact]
    public void WebApi_uses_no_DbContext_Infrastructure_type_or_Redis_outside_the_composition_root_and_the_verbs() =>
        RuleAssert.Passes(LayerRules.EdgeUsesNoDataAccessOutsideTheVerbs(ShopArchitecture.WebApi));

    [Fact]
    public void WebApi_uses_no_DbContext_Infrastructure_type_or_Redis_outside_the_composition_root_and_the_verbs_fails_on_offenders()
    {
        var result = LayerRules.EdgeUsesNoDataAccessOutsideTheVerbs(OffenderLayers.WebApi);

        RuleAssert.FailsFor(
            result,
            typeof(EndpointOffenders.Catalog.EndpointUsingDbContext),
            typeof(EndpointOffenders.Identity.EndpointUsingRedis),
            typeof(EndpointOffenders.Http.MiddlewareUsingRedis),
            typeof(EndpointOffenders.Verbs.WidgetAdminEndpoints),
            typeof(EndpointOffenders.Shipping.TrackShipment),
            typeof(GlobalNamespaceEndpoints));
        RuleAssert.DoesNotReport(
            result,
            typeof(EndpointOffenders.Verbs.WidgetHostVerb),
            typeof(EndpointOffenders.Http.MiddlewareUsingPort),
            typeof(EndpointOffenders.Ordering.EndpointUsingRepository));
    }

    [Fact]
    public void WebApi_endpoints_use_no_DbContext_repository_port_or_Redis_and_only_send_commands_and_queries() =>
        RuleAssert.Passes(LayerRules.EndpointsOnlySendCommandsAndQueries(ShopArchitecture.WebApi));

    [Fact]
    public void WebApi_endpoints_use_no_DbContext_repository_port_or_Redis_and_only_send_commands_and_queries_fails_on_offenders()
    {
        var result = LayerRules.EndpointsOnlySendCommandsAndQueries(OffenderLayers.WebApi);

        RuleAssert.FailsFor(
            result,
            typeof(EndpointOffenders.Catalog.EndpointUsingDbContext),
            typeof(EndpointOffenders.Ordering.EndpointUsingRepository),
            typeof(EndpointOffenders.Identity.EndpointUsingRedis),
            typeof(EndpointOffenders.Verbs.WidgetAdminEndpoints),
            typeof(EndpointOffenders.Shipping.TrackShipment),
            typeof(GlobalNamespaceEndpoints));
        RuleAssert.DoesNotReport(
            result,
            typeof(EndpointOffenders.Catalog.WellBehavedEndpoint),
            typeof(EndpointOffenders.Verbs.WidgetHostVerb),
            typeof(EndpointOffenders.Http.MiddlewareUsingPort),
            typeof(EndpointOffenders.Http.MiddlewareUsingRedis));
    }
}
