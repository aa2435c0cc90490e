/**
 * A small JSON Schema draft-04 validator: the keywords the SARIF 2.1.0 schema uses (type, enum,
 * required, properties, additionalProperties, items, minItems, uniqueItems, minimum, maximum,
 * pattern, anyOf, oneOf, local $ref). `format` and `default` are annotations here.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** Every violation of `schema` by `value`, as `path: message`; empty when valid. */
export function validate(
	value: unknown,
	schema: Schema,
	root: Schema = schema,
	path = '$',
): string[] {
	if (typeof schema.$ref === 'string') {
		const target = schema.$ref
			.replace(/^#\//, '')
			.split('/')
			.reduce<unknown>((node, key) => (node as Schema)[key], root);
		return validate(value, target as Schema, root, path);
	}
	const errors: string[] = [];
	const type = typeOf(value);
	if (schema.type !== undefined) {
		const types = ([] as unknown[]).concat(schema.type);
		if (!types.some((t) => t === type || (t === 'number' && type === 'integer')))
			errors.push(`${path}: expected ${types.join('|')}, got ${type}`);
	}
	if (Array.isArray(schema.enum) && !schema.enum.includes(value))
		errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
	if (typeof value === 'number') {
		if (typeof schema.minimum === 'number' && value < schema.minimum)
			errors.push(`${path}: < minimum`);
		if (typeof schema.maximum === 'number' && value > schema.maximum)
			errors.push(`${path}: > maximum`);
	}
	if (
		typeof value === 'string' &&
		typeof schema.pattern === 'string' &&
		!new RegExp(schema.pattern, 'u').test(value)
	)
		errors.push(`${path}: does not match ${schema.pattern}`);
	if (Array.isArray(value)) {
		if (typeof schema.minItems === 'number' && value.length < schema.minItems)
			errors.push(`${path}: too few items`);
		if (
			schema.uniqueItems === true &&
			new Set(value.map((v) => JSON.stringify(v))).size !== value.length
		)
			errors.push(`${path}: items not unique`);
		if (schema.items && typeof schema.items === 'object')
			value.forEach((item, i) =>
				errors.push(...validate(item, schema.items as Schema, root, `${path}[${i}]`)),
			);
	}
	if (type === 'object') {
		const object = value as Record<string, unknown>;
		for (const name of (schema.required as string[] | undefined) ?? [])
			if (!(name in object)) errors.push(`${path}: missing ${name}`);
		const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
		for (const [name, item] of Object.entries(object)) {
			if (properties[name])
				errors.push(...validate(item, properties[name], root, `${path}.${name}`));
			else if (schema.additionalProperties === false) errors.push(`${path}: unexpected ${name}`);
			else if (typeof schema.additionalProperties === 'object')
				errors.push(
					...validate(item, schema.additionalProperties as Schema, root, `${path}.${name}`),
				);
		}
	}
	if (
		Array.isArray(schema.anyOf) &&
		!schema.anyOf.some((s) => validate(value, s as Schema, root, path).length === 0)
	)
		errors.push(`${path}: matches none of anyOf`);
	if (
		Array.isArray(schema.oneOf) &&
		schema.oneOf.filter((s) => validate(value, s as Schema, root, path).length === 0).length !== 1
	)
		errors.push(`${path}: does not match exactly one of oneOf`);
	return errors;
}
