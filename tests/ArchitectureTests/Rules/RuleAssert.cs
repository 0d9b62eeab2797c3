namespace Shop.ArchitectureTests.Rules;

public static class RuleAssert
{
    /// <summary>The rule holds, and it held on something (a rule that selected no type proves nothing).</summary>
    public static void Passes(RuleResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.True(result.Checked > 0, $"The rule selected nothing to check, so it proves nothing: {result.Rule}");
        Assert.True(result.IsSuccessful, "Architecture rule broken: " + result);
    }

    /// <summary>Negative control: the rule fails, and it names every one of <paramref name="offenders"/>.</summary>
    public static void FailsFor(RuleResult result, params Type[] offenders)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(offenders);
        Assert.False(result.IsSuccessful, $"The rule passed on code written to break it, so it cannot fail: {result}");
        var missed = offenders.Select(TypeNames.Display).Where(name => result.Violations.All(v => v.Subject != name)).ToList();
        Assert.True(missed.Count == 0, $"The rule did not report {string.Join(", ", missed)}: {result}");
    }

    /// <summary>
    /// Negative control for a dependency rule: the rule fails, and it names each offender for depending on its
    /// forbidden name (so each offender proves that name is forbidden, not merely that something else was found).
    /// </summary>
    public static void FailsFor(RuleResult result, params (Type Offender, string Dependency)[] offenders)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(offenders);
        Assert.False(result.IsSuccessful, $"The rule passed on code written to break it, so it cannot fail: {result}");
        var missed = offenders
            .Where(offender => !result.Violations.Any(v => v.Subject == TypeNames.Display(offender.Offender)
                && (v.Reason == "depends on " + offender.Dependency || v.Reason.StartsWith($"depends on {offender.Dependency} (", StringComparison.Ordinal))))
            .Select(offender => $"{TypeNames.Display(offender.Offender)} (on {offender.Dependency})")
            .ToList();
        Assert.True(missed.Count == 0, $"The rule did not report {string.Join(", ", missed)}: {result}");
    }

    /// <summary>Negative control for an assembly-level rule: the rule fails with a reason containing each fragment.</summary>
    public static void FailsWith(RuleResult result, params string[] reasonFragments)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(reasonFragments);
        Assert.False(result.IsSuccessful, $"The rule passed on code written to break it, so it cannot fail: {result}");
        var missed = reasonFragments
            .Where(fragment => !result.Violations.Any(v => v.Reason.Contains(fragment, StringComparison.Ordinal)))
            .ToList();
        Assert.True(missed.Count == 0, $"No violation mentions {string.Join(", ", missed)}: {result}");
    }

    /// <summary>The rule does not blame types that keep it (so it fails for the right reason, not for everything).</summary>
    public static void DoesNotReport(RuleResult result, params Type[] compliant)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(compliant);
        var blamed = compliant.Select(TypeNames.Display).Where(name => result.Violations.Any(v => v.Subject == name)).ToList();
        Assert.True(blamed.Count == 0, $"The rule wrongly reported {string.Join(", ", blamed)}: {result}");
    }
}
