/**
 * The part of `@webcontainer/api` the engine uses, as interfaces, so tests can pass a fake
 * WebContainer (a fake file system and process factory) instead of StackBlitz's.
 */

/** A folder of files to mount, as `@webcontainer/api` defines it. */
export interface FileSystemTree {
	[name: string]:
		| { directory: FileSystemTree }
		| { file: { contents: string | Uint8Array } }
		| { file: { symlink: string } };
}

/** A running process: one terminal stream out, one in. */
export interface ContainerProcess {
	output: ReadableStream<string>;
	input: WritableStream<string>;
	exit: Promise<number>;
	kill(): void;
}

/** A booted WebContainer, as far as the engine needs one. */
export interface WebContainerLike {
	mount(
		tree: FileSystemTree | Uint8Array | ArrayBuffer,
		options?: { mountPoint?: string },
	): Promise<void>;
	spawn(
		command: string,
		args: string[],
		options?: { cwd?: string; env?: Record<string, string>; output?: boolean },
	): Promise<ContainerProcess>;
	fs: {
		writeFile(path: string, data: string | Uint8Array): Promise<void>;
		mkdir(path: string, options: { recursive: true }): Promise<unknown>;
		rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
	};
	teardown?(): void;
}

/** Loads the WebContainer API (the real one: `WebContainer.boot` and `configureAPIKey` of `@webcontainer/api`). */
export type LoadWebContainer = () => Promise<{
	boot(options: {
		coep: 'credentialless' | 'require-corp' | 'none';
		workdirName?: string;
	}): Promise<WebContainerLike>;
	/** Sets the StackBlitz API key (`client_id` of the iframe URL); must come before `boot`. */
	configureAPIKey?(key: string): void;
}>;
