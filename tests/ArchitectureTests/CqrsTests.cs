using Shop.ArchitectureTests.Offenders.Application.Catalog;
using Shop.ArchitectureTests.Offenders.Application.Catalog.Cqrs;
using Shop.ArchitectureTests.Offenders.Application.Identity;
using Shop.ArchitectureTests.Rules;

namespace Shop.ArchitectureTests;

/// <summary>CQRS rules on the real code, each followed by its negative control on the offenders.</summary>
public sealed class CqrsTests
{
    [Fact]
    public void Query_handlers_depend_on_no_repository_unit_of_work_or_other_write_port() =>
        RuleAssert.Passes(CqrsRules.QueryHandlersUseNoWritePort(ShopArchitecture.Application, ShopArchitecture.WritePorts));

    [Fact]
    public void Query_handlers_depend_on_no_repository_unit_of_work_or_other_write_port_fails_on_offenders()
    {
        var result = CqrsRules.QueryHandlersUseNoWritePort(OffenderLayers.Application, ShopArchitecture.WritePorts);

        RuleAssert.FailsFor(result, typeof(GetWidgetHandler), typeof(CountWidgetsHandler), typeof(WhoAmIHandler));
        RuleAssert.DoesNotReport(result, typeof(FindWidgetsHandler), typeof(GetCachedWidgetHandler));
    }

    [Fact]
    public void Every_command_has_a_validator() =>
        RuleAssert.Passes(CqrsRules.EveryCommandHasAValidator(ShopArchitecture.Application));

    [Fact]
    public void Every_command_has_a_validator_fails_on_offenders()
    {
        var result = CqrsRules.EveryCommandHasAValidator(OffenderLayers.Application);

        RuleAssert.FailsFor(result, typeof(ArchiveWidgetCommand));
        RuleAssert.DoesNotReport(result, typeof(RenameWidgetCommand));
    }

    [Fact]
    public void Commands_queries_and_their_responses_are_immutable() =>
        RuleAssert.Passes(CqrsRules.MessagesAndResponsesAreImmutable(ShopArchitecture.Application));

    [Fact]
    public void Commands_queries_and_their_responses_are_immutable_fails_on_offenders()
    {
        var result = CqrsRules.MessagesAndResponsesAreImmutable(OffenderLayers.Application);

        RuleAssert.FailsFor(result, typeof(RenameWidgetCommand), typeof(WidgetResponse), typeof(FindWidgetsQuery), typeof(WidgetLine));
        RuleAssert.DoesNotReport(result, typeof(ArchiveWidgetCommand), typeof(WidgetPage), typeof(GetWidgetQuery));
    }

    [Fact]
    public void Handlers_are_internal_sealed_and_named_Handler() =>
        RuleAssert.Passes(CqrsRules.HandlersAreInternalSealedAndNamedHandler(ShopArchitecture.Application));

    [Fact]
    public void Handlers_are_internal_sealed_and_named_Handler_fails_on_offenders()
    {
        var result = CqrsRules.HandlersAreInternalSealedAndNamedHandler(OffenderLayers.Application);

        RuleAssert.FailsFor(
            result, typeof(PublicPingWidgetsHandler), typeof(UnsealedPingWidgetsHandler), typeof(PingWidgetsProcessor), typeof(PublicWidgetCreatedHandler));
        RuleAssert.DoesNotReport(result, typeof(ArchiveWidgetHandler), typeof(GetWidgetHandler), typeof(WidgetCreatedHandler));
    }

    [Fact]
    public void Validators_are_internal_sealed_and_named_Validator() =>
        RuleAssert.Passes(CqrsRules.ValidatorsAreInternalSealedAndNamedValidator(ShopArchitecture.Application));

    [Fact]
    public void Validators_are_internal_sealed_and_named_Validator_fails_on_offenders()
    {
        var result = CqrsRules.ValidatorsAreInternalSealedAndNamedValidator(OffenderLayers.Application);

        RuleAssert.FailsFor(result, typeof(PublicRenameWidgetValidator), typeof(UnsealedRenameWidgetValidator), typeof(RenameWidgetRules));
        RuleAssert.DoesNotReport(result, typeof(RenameWidgetValidator));
    }
}
