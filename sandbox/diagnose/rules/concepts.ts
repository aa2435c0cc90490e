/**
 * The last word-level rule, before the bare status: when no rule recognised a message, look for a
 * cause named in plain words, in any wording: a subject ("quota", "model", "API key") close to a
 * state ("exceeded", "not found", "missing"), in either order, in English or in the Chinese that
 * relays (one-api, new-api) and their apps print. Each held round of real reports brought new
 * wordings of old causes ("user quota is not enough", "Budget has been exceeded"); a pair of words
 * generalises where a phrase list cannot. A status, when known, must agree with the cause.
 */
import type { DiagnosisId, Rule, Signals } from '../types.ts';
import { snippet, statusEvidence } from './helpers.ts';
import { statusRule } from './status.ts';

interface Concept {
	id: DiagnosisId;
	/** What the message is about. */
	subject: string;
	/** What happened to it. */
	state: string;
	/**
	 * Wording with no word boundaries (Chinese, Japanese), subject and state joined; also a
	 * fixed English order the two lists cannot express ("invalid model path").
	 */
	joined?: string;
	/** Statuses this cause arrives with; any status when absent. */
	statuses?: readonly number[];
	/** Only "subject … state": the other order names something else ("X is disabled for your account"). */
	subjectFirst?: boolean;
}

const AUTH = [400, 401, 403];

// Most specific first: a key that is missing before a key that is wrong, quota before rate.
const concepts: readonly Concept[] = [
	{
		id: 'missing_key',
		subject:
			'api[ _-]?key|apikey|secret key|subscription key|auth(?:entication)? token|authorization header|credentials?',
		state:
			'(?:is |was |are )?(?:missing|not (?:set|provided|found|configured|defined|loaded|supplied|available)|empty|required|absent|undefined)|must be (?:set|provided|given)',
		joined:
			'(?:未|没有)(?:设置|提供|配置|填写|填)?\\s*(?:API\\s*)?(?:key|Key|KEY|密钥|令牌)|(?:缺少|为空)\\s*(?:API\\s*)?(?:key|Key|KEY|密钥|令牌)|(?:key|Key|KEY|密钥|令牌)\\s*(?:未设置|未提供|未配置|为空|缺失)|\\bno [\\x27‘"]?[\\w-]*api[ -]?key[\\x27’"]? (?:was )?found\\b',
		statuses: AUTH,
	},
	{
		id: 'insufficient_quota',
		subject: 'quota|credits?|balance|budget|billing|funds|spend(?:ing)? limit|prepaid',
		state:
			'exceeded|insufficient|exhausted|not enough|ran out|run out|used up|depleted|too low|negative|hard limit|reached|(?:is )?less than|below',
		joined:
			'(?:额度|余额|配额|点数|积分)\\s*(?:不足|用尽|已用完|耗尽|不够|已用尽)|(?:欠费|余额为零)|(?:クォータ|残高|クレジット|利用上限)\\s*(?:を|に|が)?\\s*(?:超え|超過|達し|不足)|課金\\s*(?:を)?\\s*追加',
		statuses: [400, 402, 403, 429],
	},
	{
		id: 'organization_not_verified',
		subject: 'organi[sz]ation',
		state: 'verified|verification|verify',
		// Apps translate OpenAI's message: 組織認証 (Japanese), 组织验证 / 组织认证 (Chinese).
		joined: '(?:組織|组织)\\s*(?:認証|验证|认证)',
		statuses: [400, 403],
	},
	{
		// Azure's "Your resource has been temporarily blocked because we detected unusual behavior",
		// a relay's "account suspended": access taken away, not a wrong key.
		id: 'revoked_key',
		subject: 'account|organi[sz]ation|resource|subscription|workspace',
		state:
			'(?:has been|have been|was|is|been) (?:temporarily )?(?:blocked|suspended|banned|deactivated|disabled|terminated|restricted)',
		joined: '(?:账号|账户|帐号|帐户|组织)\\s*(?:已被|被)?\\s*(?:封禁|封停|停用|禁用|冻结|封)',
		statuses: AUTH,
		subjectFirst: true,
	},
	{
		// A credential withdrawn: "your refresh token was revoked", "This API key has been revoked".
		id: 'revoked_key',
		subject: 'api[ _-]?key|key|(?:access |refresh |auth )?token|credentials?',
		state: '(?:has been|have been|was|were|is|been) revoked',
		joined: '(?:キー|トークン)\\s*(?:が|は)?\\s*(?:無効化|取り消)',
		statuses: AUTH,
		subjectFirst: true,
	},
	{
		id: 'unsupported_region',
		subject: 'region|country|territory|location',
		state: 'not supported|unsupported|restricted|blocked|not available',
		joined: '(?:地区|国家|区域)\\s*(?:不支持|受限|不可用)',
		statuses: [400, 403],
	},
	{
		id: 'model_not_found',
		subject: 'model|deployment|engine',
		state:
			"not found|does not exist|doesn't exist|unknown|not available|unavailable|no access|not exist|no available channel|not allowed",
		joined:
			'(?:模型|model)\\s*\\S{0,40}?\\s*(?:不存在|无可用渠道|不可用|未找到|无权)|无权(?:使用|访问|调用)\\s*(?:该|此)?\\s*(?:模型|model)',
		// Gateways answer 401 for a model a virtual key may not use (LiteLLM's key_model_access_denied).
		statuses: [400, 401, 403, 404],
	},
	{
		// A model this account, plan or provider does not serve: "The 'gpt-5.3-codex' model is not
		// supported when using Codex with a ChatGPT account", Bedrock's "The provided model
		// identifier is invalid". "Not supported in <endpoint>" is the request's (request.ts).
		id: 'model_not_found',
		subject: 'model(?: (?:id|identifier|name|path))?(?! key)',
		state: '(?:is )?(?:not supported|invalid|not valid)',
		joined: '\\binvalid model(?: (?:id|identifier|name|path))?\\b(?! key)',
		statuses: [400, 401, 403, 404],
		subjectFirst: true,
	},
	{
		id: 'rate_limit',
		subject: 'rate|requests|RPM|TPM|RPD|calls',
		state: 'limit(?:ed)?|too many|too frequent|throttl\\w*',
		joined:
			'(?:请求|调用)\\s*(?:过于频繁|太频繁|频率过高|过多)|限流|负载已饱和|速率限制|(?:次数|频率)\\s*(?:已达|达到|超过)\\s*上限',
		statuses: [429],
	},
	{
		id: 'overloaded',
		subject: 'server|service|system|model|engine|upstream',
		state: 'overloaded|at capacity|busy|high demand|temporarily unavailable|peak load',
		joined: '过载|(?:服务器|服务|上游)\\s*(?:繁忙|暂时不可用)',
		statuses: [429, 500, 502, 503, 529],
	},
	{
		id: 'invalid_key',
		subject: 'api[ _-]?key|apikey|subscription key|token|credentials?|authentication|authorization',
		state:
			"invalid|incorrect|wrong|not valid|unknown|rejected|unauthori[sz]ed|failed|fails|expired|not recogni[sz]ed|isn't valid|is not correct",
		joined:
			'(?:令牌|密钥|key|Key|KEY)\\s*(?:无效|错误|已过期|不正确|验证失败|不存在|有问题)|(?:无效|错误)的\\s*(?:令牌|密钥|API\\s*Key)|(?:キー|トークン)\\s*(?:が|は)?\\s*(?:正しくありません|正しくない|無効|間違って|不正)',
		statuses: AUTH,
	},
	{
		id: 'missing_scopes',
		subject: 'permissions?|scopes?|role',
		state: 'denied|insufficient|missing|lacks?|does not have|not granted|required',
		joined: '(?:权限)\\s*(?:不足|被拒绝|缺失)|没有权限|无权限',
		statuses: [401, 403],
	},
	{
		id: 'wrong_base_url',
		subject: 'url|endpoint|route|base[ _]?url|api base|host',
		state: 'not found|invalid|wrong|incorrect|unknown|does not exist|unreachable',
		joined: '(?:接口地址|代理地址|请求地址|URL|url)\\s*(?:错误|不存在|无效|不正确)',
		statuses: [400, 404, 405],
	},
	{
		id: 'network_error',
		subject: 'connection|connect|network|socket|dns|proxy|ssl|tls|certificate',
		state: 'error|failed|failure|refused|reset|closed|timed out|timeout|lost|unreachable',
		joined: '(?:网络|连接|代理)\\s*(?:错误|失败|超时|中断)|请求超时',
		statuses: [408, 502, 504],
	},
	{
		id: 'bad_request',
		subject:
			'parameters?|param|argument|field|property|schema|request body|max tokens|max completion tokens|temperature|top p|api[ -]?versions?|(?:system |assistant |tool )?messages?|tool calls?|headers?',
		state:
			'invalid|missing|required|unexpected|unrecognized|not allowed|too long|too large|malformed|enabled only|not supported|must be',
		joined: '(?:参数)\\s*(?:错误|无效|缺失|缺少|不合法)',
		statuses: [400, 404, 422],
	},
	{
		id: 'server_error',
		subject: 'server|internal|upstream',
		state: 'error|failure|exception',
		joined: '(?:服务器|内部|上游)\\s*(?:错误|异常)',
		statuses: [500, 502, 503, 504],
	},
];

// Subject and state within a few words of each other, in either order, in one sentence: a dot
// inside a word (a model "gpt-4.1", an amount "0.8") does not end it.
const GAP = '(?:[^.\\n]|\\.(?=[\\w-])){0,40}?';

const compiled = concepts.map((concept) => ({
	concept,
	regex: new RegExp(
		[
			`\\b(?:${concept.subject})\\b${GAP}\\b(?:${concept.state})\\b`,
			concept.subjectFirst ? '' : `\\b(?:${concept.state})\\b${GAP}\\b(?:${concept.subject})\\b`,
			concept.joined ?? '',
		]
			.filter(Boolean)
			.join('|'),
		'i',
	),
}));

// Only the messages and the lines around the error are read, not a whole pasted log: the first
// 8 KB of messages, else the first 16 KB of text.
// Underscores read as spaces: codes such as `rate_limited_exceeded` or `insufficient_user_quota`
// then say their words.
function scope(signals: Signals): string {
	const text =
		signals.messages.length > 0
			? signals.messages.join('\n').slice(0, 8192)
			: signals.text.slice(0, 16384);
	// A sentence hard-wrapped by a terminal or a log ("has reached its\nconfigured spend limit")
	// reads as one line again when the next line goes on in lower case.
	return text.replace(/_/g, ' ').replace(/([^\s.!?:。])[ \t]*\r?\n[ \t]*(?=[a-z])/g, '$1 ');
}

// An API gateway in front of the API (Azure API Management) wants its own key in its own header.
const gatewayKey = {
	explanation:
		'An API gateway in front of the model (Azure API Management and the like) wants its own key, and the request did not carry it: the gateway refused it before the model was reached.',
	fixes: [
		'Send the gateway’s subscription key in the header it expects (Azure API Management: Ocp-Apim-Subscription-Key), e.g. through the SDK’s default headers option, alongside or instead of the model key.',
	],
};

// An app that says "not found, check your API base" while quoting OpenAI's own endpoint, spelled
// right: there, OpenAI's 404 is the model's (round 16: 5ire maps model_not_found to a URL hint).
const RIGHT_URL =
	/^https:\/\/api\.openai\.com\/v1\/(?:chat\/completions|completions|responses|embeddings)$/;

function rightUrlOnly(signals: Signals): boolean {
	return signals.urls.length > 0 && signals.urls.every((url) => RIGHT_URL.test(url));
}

export const conceptRule: Rule = {
	id: 'other',
	name: 'concepts',
	match(signals) {
		const text = scope(signals);
		const status = signals.status;
		for (const { concept, regex } of compiled) {
			// A known status must fit the cause; 5xx from a proxy may wrap anything.
			if (
				status !== undefined &&
				status < 500 &&
				concept.statuses &&
				!concept.statuses.includes(status)
			)
				continue;
			const match = regex.exec(text);
			if (!match) continue;
			// Words that agree with the status add nothing to it: keep the status rule's caveats.
			const byStatus = statusRule.match(signals);
			if (byStatus?.id === concept.id) return byStatus;
			const quote = snippet(text, match.index, match[0].length);
			const statusQuote = statusEvidence(signals);
			if (concept.id === 'wrong_base_url' && rightUrlOnly(signals)) {
				return {
					id: 'model_not_found',
					confidence: 0.55,
					evidence: statusQuote ? [quote, statusQuote] : [quote],
					explanation:
						'The message blames the URL, but the URL it shows is OpenAI’s own, spelled right. At that address a "not found" is about the model: an id that does not exist or that this account cannot use.',
					alternatives: [
						{
							id: 'wrong_base_url',
							why: 'If the request really goes through a proxy or relay, that server may not serve this route.',
						},
					],
				};
			}
			return {
				id: concept.id,
				confidence: 0.55,
				evidence: statusQuote ? [quote, statusQuote] : [quote],
				...(/subscription key/i.test(match[0]) ? gatewayKey : {}),
			};
		}
		return undefined;
	},
};
