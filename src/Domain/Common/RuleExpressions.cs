using System.Linq.Expressions;

namespace Shop.Domain.Common;

/// <summary>
/// Puts a rule written as an expression inside another expression, so that a query translates the entity's own
/// rule to SQL instead of restating it.
/// </summary>
public static class RuleExpressions
{
    /// <summary>The body of <paramref name="rule"/> with its parameters replaced by <paramref name="arguments"/>.</summary>
    public static Expression Inline(LambdaExpression rule, params Expression[] arguments)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(arguments);
        if (rule.Parameters.Count != arguments.Length)
        {
            throw new ArgumentException($"The rule takes {rule.Parameters.Count} arguments, not {arguments.Length}.", nameof(arguments));
        }

        var replacements = rule.Parameters.Zip(arguments).ToDictionary(pair => pair.First, pair => pair.Second);
        return new ParameterReplacer(replacements).Visit(rule.Body);
    }

    /// <summary>
    /// <paramref name="shape"/> with its second parameter replaced by <paramref name="part"/> applied to its first:
    /// e.g. a response built from a product and the product's own availability rule.
    /// </summary>
    public static Expression<Func<T, TResult>> Compose<T, TPart, TResult>(
        Expression<Func<T, TPart, TResult>> shape, Expression<Func<T, TPart>> part)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(part);
        var source = shape.Parameters[0];
        return Expression.Lambda<Func<T, TResult>>(Inline(shape, source, Inline(part, source)), source);
    }

    private sealed class ParameterReplacer : ExpressionVisitor
    {
        private readonly Dictionary<ParameterExpression, Expression> _replacements;

        public ParameterReplacer(Dictionary<ParameterExpression, Expression> replacements) => _replacements = replacements;

        protected override Expression VisitParameter(ParameterExpression node) =>
            _replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
