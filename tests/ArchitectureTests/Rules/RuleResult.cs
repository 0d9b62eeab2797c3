namespace Shop.ArchitectureTests.Rules;

/// <summary>One way a type (or an assembly) breaks a rule.</summary>
/// <param name="Subject">The full name of the offending type (its outermost type) or assembly.</param>
/// <param name="Reason">What it does that the rule forbids.</param>
public sealed record Violation(string Subject, string Reason)
{
    public override string ToString() => $"{Subject}: {Reason}";
}

/// <summary>The outcome of one rule on one set of types.</summary>
/// <param name="Rule">The rule, as a sentence.</param>
/// <param name="Checked">How many types (or assemblies) the rule looked at; a rule that looked at none proves nothing.</param>
/// <param name="Violations">Every violation found, sorted.</param>
public sealed record RuleResult(string Rule, int Checked, IReadOnlyList<Violation> Violations)
{
    public bool IsSuccessful => Violations.Count == 0;

    public static RuleResult Of(string rule, int @checked, IEnumerable<Violation> violations) =>
        new(rule, @checked, [.. violations.Distinct().OrderBy(v => v.Subject, StringComparer.Ordinal).ThenBy(v => v.Reason, StringComparer.Ordinal)]);

    public override string ToString() =>
        $"{Rule} ({Checked} checked, {Violations.Count} violations)"
        + string.Concat(Violations.Select(violation => Environment.NewLine + "  - " + violation));
}
