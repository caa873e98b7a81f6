export * from './PolicyRuleType';
export * from './juaniePolicyRulesExtensionPoint';
