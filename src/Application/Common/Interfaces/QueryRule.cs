using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace MentorCloud.Application.Common.Interfaces;

/// <summary>
/// A query rule written once, as an expression, and used two ways: bound to its arguments and composed into a LINQ query
/// (<see cref="Apply{T1,T2,TResult}"/>, <see cref="Bind{T1,T2,TResult}"/>), or expanded in place inside a compiled
/// query (<see cref="Expand{T1,T2,TResult}"/>). A rule may use another through <c>Invoke</c>. Bound arguments become query
/// parameters, never literals, so a rule applied for many callers shares one translated query.
/// </summary>
public static class QueryRule
{
    /// <summary>Stands for the rule's body inside an expression given to <see cref="Expand{T1,T2,TResult}"/>; never runs.</summary>
    public static TResult Invoke<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> rule, T1 arg1, T2 arg2) =>
        throw new InvalidOperationException("A query rule is invoked only inside an expression given to QueryRule.Expand.");

    /// <inheritdoc cref="Invoke{T1,T2,TResult}"/>
    public static TResult Invoke<T1, T2, T3, TResult>(this Expression<Func<T1, T2, T3, TResult>> rule, T1 arg1, T2 arg2, T3 arg3) =>
        throw new InvalidOperationException("A query rule is invoked only inside an expression given to QueryRule.Expand.");

    /// <inheritdoc cref="Invoke{T1,T2,TResult}"/>
    public static TResult Invoke<T1, T2, T3, T4, TResult>(this Expression<Func<T1, T2, T3, T4, TResult>> rule, T1 arg1, T2 arg2, T3 arg3, T4 arg4) =>
        throw new InvalidOperationException("A query rule is invoked only inside an expression given to QueryRule.Expand.");

    /// <summary>The expression with every rule it invokes replaced by the rule's body; done once, where the expression is declared.</summary>
    public static Expression<Func<T1, T2, TResult>> Expand<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> expression) => ExpandAny(expression);

    /// <inheritdoc cref="Expand{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, TResult>> Expand<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> expression) => ExpandAny(expression);

    /// <inheritdoc cref="Expand{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, T4, TResult>> Expand<T1, T2, T3, T4, TResult>(Expression<Func<T1, T2, T3, T4, TResult>> expression) =>
        ExpandAny(expression);

    /// <inheritdoc cref="Expand{T1,T2,TResult}"/>
    public static Expression<Func<T1, T2, T3, T4, T5, TResult>> Expand<T1, T2, T3, T4, T5, TResult>(Expression<Func<T1, T2, T3, T4, T5, TResult>> expression) =>
        ExpandAny(expression);

    private static Expression<TDelegate> ExpandAny<TDelegate>(Expression<TDelegate> expression) => (Expression<TDelegate>)new Expander().Visit(expression);

    /// <summary>The predicate with its second argument bound.</summary>
    public static Expression<Func<T1, TResult>> Bind<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> rule, T2 arg2) =>
        Expression.Lambda<Func<T1, TResult>>(ReplacingExpressionVisitor.Replace(rule.Parameters[1], Argument(arg2), rule.Body), rule.Parameters[0]);

    /// <summary>The rule's query on the context, its arguments bound.</summary>
    public static IQueryable<TResult> Apply<T1, TResult>(this Expression<Func<DbContext, T1, IQueryable<TResult>>> rule, DbContext context, T1 arg1) =>
        Query<TResult>(context, rule, Argument(arg1));

    /// <inheritdoc cref="Apply{T1,TResult}"/>
    public static IQueryable<TResult> Apply<T1, T2, TResult>(this Expression<Func<DbContext, T1, T2, IQueryable<TResult>>> rule, DbContext context, T1 arg1, T2 arg2) =>
        Query<TResult>(context, rule, Argument(arg1), Argument(arg2));

    /// <inheritdoc cref="Apply{T1,TResult}"/>
    public static IQueryable<TResult> Apply<T1, T2, T3, TResult>(this Expression<Func<DbContext, T1, T2, T3, IQueryable<TResult>>> rule, DbContext context,
        T1 arg1, T2 arg2, T3 arg3) =>
        Query<TResult>(context, rule, Argument(arg1), Argument(arg2), Argument(arg3));

    private static IQueryable<TResult> Query<TResult>(DbContext context, LambdaExpression rule, params Expression[] arguments)
    {
        var body = new ReplacingExpressionVisitor([.. rule.Parameters], [Expression.Constant(context), .. arguments]).Visit(rule.Body);
        return context.GetService<IAsyncQueryProvider>().CreateQuery<TResult>(body);
    }

    // A value read from an object, as from a lambda's closure: EF Core sends it as a parameter.
    private static MemberExpression Argument<T>(T value) => Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }

    private sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(QueryRule) || node.Method.Name != nameof(Invoke)) return base.VisitMethodCall(node);
            var rule = RuleAt(node.Arguments[0]);
            var arguments = node.Arguments.Skip(1).Select(Visit).ToList();
            return Visit(new ReplacingExpressionVisitor([.. rule.Parameters], arguments!).Visit(rule.Body));
        }

        private static LambdaExpression RuleAt(Expression expression) => expression switch
        {
            MemberExpression { Expression: null, Member: FieldInfo field } => (LambdaExpression)field.GetValue(null)!,
            MemberExpression { Expression: null, Member: PropertyInfo property } => (LambdaExpression)property.GetValue(null)!,
            _ => throw new InvalidOperationException($"A query rule is invoked from a static field or property, not from '{expression}'."),
        };
    }
}
