/** Framings, client and server for pickles over sockets. */
package dev.picklewire.net;
