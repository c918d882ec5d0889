/** Per live job: the chat sessions of its destinations and its viewer polling. */
package io.restream.chat.jobs;
